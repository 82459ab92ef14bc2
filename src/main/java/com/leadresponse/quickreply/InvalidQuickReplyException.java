package com.leadresponse.quickreply;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A quick reply that cannot be saved: 400 naming the field and the problem, nothing
 * stored.
 */
public final class InvalidQuickReplyException extends ErrorResponseException {

	private final String field;

	private final String problem;

	InvalidQuickReplyException(String field, String problem) {
		super(HttpStatus.BAD_REQUEST, detail(field, problem), null);
		this.field = field;
		this.problem = problem;
	}

	private static ProblemDetail detail(String field, String problem) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + problem);
		detail.setTitle("Invalid request");
		detail.setProperty("errors", List.of(Map.of("field", field, "message", problem)));
		return detail;
	}

	public String field() {
		return this.field;
	}

	/** The sentence for the settings page. */
	public String problem() {
		return this.problem;
	}

}
