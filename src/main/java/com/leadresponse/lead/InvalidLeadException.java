package com.leadresponse.lead;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A lead's input that cannot be stored: 400 naming the field (SPEC 3). */
public final class InvalidLeadException extends ErrorResponseException {

	private InvalidLeadException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, problem(field, message), null);
	}

	public static InvalidLeadException invalidPhone() {
		return new InvalidLeadException("phone",
				"must be a valid phone number that can receive SMS (E.164, or national in the business country)");
	}

	/** A text with neither words nor photos. */
	public static InvalidLeadException blankText() {
		return new InvalidLeadException("body", "must not be blank when no photo is attached");
	}

	private static ProblemDetail problem(String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + message);
		problem.setTitle("Invalid lead");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

}
