package com.leadresponse.system;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Answers unauthenticated and forbidden JSON requests with RFC 9457 problem details (SPEC
 * 3).
 */
@Component
class ProblemAuthenticationEntryPoint {

	private final JsonMapper json;

	ProblemAuthenticationEntryPoint(JsonMapper json) {
		this.json = json;
	}

	AuthenticationEntryPoint withDetail(String detail) {
		return (request, response, ex) -> write(response, HttpStatus.UNAUTHORIZED, detail);
	}

	AccessDeniedHandler accessDenied() {
		return (request, response, ex) -> write(response, HttpStatus.FORBIDDEN,
				(ex.getMessage() != null) ? ex.getMessage() : "Not allowed for this account");
	}

	private void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"Lead Response\"");
		}
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
