package com.leadresponse.quickreply;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No quick reply has the id a request named: 404. */
public final class QuickReplyNotFoundException extends ErrorResponseException {

	private QuickReplyNotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
	}

	static QuickReplyNotFoundException forId(UUID id) {
		return new QuickReplyNotFoundException("No quick reply with id " + id);
	}

}
