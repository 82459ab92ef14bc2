package com.leadresponse.media;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Photos staff attached that cannot be sent (SPEC 10): 400 naming the problem. */
public final class InvalidUploadException extends ErrorResponseException {

	private final String reason;

	private InvalidUploadException(String message) {
		super(HttpStatus.BAD_REQUEST, problem(message), null);
		this.reason = message;
	}

	/** What is wrong, as the composer tells staff ("at most 5 photos a text"). */
	public String reason() {
		return this.reason;
	}

	static InvalidUploadException because(String message) {
		return new InvalidUploadException(message);
	}

	private static ProblemDetail problem(String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "media " + message);
		problem.setTitle("Invalid media");
		problem.setProperty("errors", List.of(Map.of("field", "media", "message", message)));
		return problem;
	}

}
