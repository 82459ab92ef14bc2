package com.leadresponse.calls;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A dial-status webhook whose {@code DialCallStatus} is none of Twilio's: 400, nothing
 * stored.
 */
final class UnknownDialStatusException extends ErrorResponseException {

	private UnknownDialStatusException(String detail) {
		super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
	}

	static UnknownDialStatusException notTwilios() {
		return new UnknownDialStatusException(
				"Unknown Twilio DialCallStatus: expected completed, answered, busy, no-answer, failed or canceled");
	}

}
