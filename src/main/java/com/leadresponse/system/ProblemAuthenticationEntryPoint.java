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
 * Answers unauthenticated, throttled and forbidden JSON requests with RFC 9457 problem
 * details (SPEC 3).
 */
@Component
class ProblemAuthenticationEntryPoint {

	private final JsonMapper json;

	ProblemAuthenticationEntryPoint(JsonMapper json) {
		this.json = json;
	}

	/**
	 * 401 with {@code detail}; a sign-in refused by the throttle is 429 with
	 * {@code Retry-After} instead, the same whether or not the e-mail has an account.
	 */
	AuthenticationEntryPoint withDetail(String detail) {
		return (request, response, ex) -> {
			if (ex instanceof SignInThrottledException throttled) {
				response.setHeader("Retry-After", String.valueOf(throttled.retryAfterSeconds()));
				write(response, HttpStatus.TOO_MANY_REQUESTS,
						"Too many failed sign-ins for this account or from this address; retry in "
								+ throttled.retryAfterSeconds() + " s");
				return;
			}
			write(response, HttpStatus.UNAUTHORIZED, detail);
		};
	}

	/** 401 for a scraper without the metrics token. */
	AuthenticationEntryPoint metricsToken() {
		return (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Bearer realm=\"Lead Response metrics\"");
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
					"Metrics need Authorization: Bearer with the token of LEAD_RESPONSE_METRICS_TOKEN");
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), problem);
		};
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
