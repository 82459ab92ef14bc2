package com.leadresponse.outboundwebhook;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No endpoint or delivery has the id a request named: 404. */
public final class EndpointNotFoundException extends ErrorResponseException {

	private EndpointNotFoundException(String detail) {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
	}

	public static EndpointNotFoundException forId(UUID id) {
		return new EndpointNotFoundException("No webhook endpoint with id " + id);
	}

	public static EndpointNotFoundException forDelivery(UUID id) {
		return new EndpointNotFoundException("No webhook delivery with id " + id);
	}

}
