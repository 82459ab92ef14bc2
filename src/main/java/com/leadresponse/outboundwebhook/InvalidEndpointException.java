package com.leadresponse.outboundwebhook;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An endpoint that cannot be registered (SPEC 11): 400 naming the field and the problem,
 * nothing stored.
 */
public final class InvalidEndpointException extends ErrorResponseException {

	private final String field;

	private InvalidEndpointException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, problem(field, message), null);
		this.field = field;
	}

	private static ProblemDetail problem(String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + message);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

	public static InvalidEndpointException url(String message) {
		return new InvalidEndpointException("url", message);
	}

	public static InvalidEndpointException events(String message) {
		return new InvalidEndpointException("events", message);
	}

	public static InvalidEndpointException tooMany(int max) {
		return new InvalidEndpointException("url", "cannot be added: at most " + max + " endpoints may be registered");
	}

	public String field() {
		return this.field;
	}

	/** The sentence for the settings page: the field and what is wrong with it. */
	public String sentence() {
		return getBody().getDetail();
	}

}
