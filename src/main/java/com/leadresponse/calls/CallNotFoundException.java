package com.leadresponse.calls;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No call has the id a request named: 404. */
final class CallNotFoundException extends ErrorResponseException {

	private CallNotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
	}

	static CallNotFoundException forId(UUID id) {
		return new CallNotFoundException("No call with id " + id);
	}

}
