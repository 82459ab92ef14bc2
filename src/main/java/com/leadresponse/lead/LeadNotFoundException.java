package com.leadresponse.lead;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No lead has the id a request named: 404. */
public final class LeadNotFoundException extends ErrorResponseException {

	private LeadNotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
	}

	public static LeadNotFoundException forId(UUID id) {
		return new LeadNotFoundException("No lead with id " + id);
	}

}
