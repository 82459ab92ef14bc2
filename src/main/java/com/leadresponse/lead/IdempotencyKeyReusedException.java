package com.leadresponse.lead;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An {@code Idempotency-Key} sent again with a different request: 422, as the IETF
 * Idempotency-Key draft says, instead of silently answering with the first lead (SPEC 3).
 */
final class IdempotencyKeyReusedException extends ErrorResponseException {

	private IdempotencyKeyReusedException() {
		super(HttpStatus.UNPROCESSABLE_CONTENT, problem(), null);
	}

	static IdempotencyKeyReusedException withDifferentRequest() {
		return new IdempotencyKeyReusedException();
	}

	private static ProblemDetail problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"This Idempotency-Key was already used with a different request; use a new key for a new lead");
		problem.setTitle("Idempotency-Key reused");
		return problem;
	}

}
