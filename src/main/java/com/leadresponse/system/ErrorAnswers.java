package com.leadresponse.system;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The answer of every error no controller answered itself (a method or content type no
 * endpoint takes, an unknown path): an RFC 9457 problem detail for API clients (SPEC 3),
 * the error pages for browsers. {@code /error} asked for directly is not an error of
 * anything: 404.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ErrorAnswers extends BasicErrorController {

	private final ErrorAttributes errorAttributes;

	ErrorAnswers(ErrorAttributes errorAttributes, WebProperties web, ObjectProvider<ErrorViewResolver> resolvers) {
		super(errorAttributes, web.getError(), resolvers.orderedStream().toList());
		this.errorAttributes = errorAttributes;
	}

	@Override
	protected HttpStatus getStatus(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
			return HttpStatus.NOT_FOUND;
		}
		return super.getStatus(request);
	}

	/**
	 * The problem detail, written as {@code application/problem+json} whatever the client
	 * accepts: an error answer is never itself refused with 406.
	 */
	@Override
	@RequestMapping
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail(request, status));
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (path != null) {
			problem.put("instance", path);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * What the client did wrong, as the framework worded it for client errors; never an
	 * internal message for a server error.
	 */
	private String detail(HttpServletRequest request, HttpStatus status) {
		Throwable error = this.errorAttributes.getError(new ServletWebRequest(request));
		if (status.is4xxClientError() && error instanceof ErrorResponse answer
				&& answer.getBody().getDetail() != null) {
			return answer.getBody().getDetail();
		}
		if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null) {
			return "Nothing is here.";
		}
		Object message = getErrorAttributes(request, ErrorAttributeOptions.of(ErrorAttributeOptions.Include.MESSAGE))
			.get("message");
		if (status.is4xxClientError() && message instanceof String text && !text.isBlank()) {
			return text;
		}
		return status.is5xxServerError() ? "The service could not answer this request." : status.getReasonPhrase();
	}

}
