package com.leadresponse.sources;

import org.springframework.http.HttpStatus;

/**
 * Why a connector refused a request: 401 for a missing or wrong credential, 403 for a
 * wrong signature or token; {@code challenge} is the {@code WWW-Authenticate} header to
 * send with a 401, or null. The reason is for the admin (the sources page) and the
 * caller; it never holds what was presented.
 */
record Refusal(HttpStatus status, String reason, String challenge) {

	static Refusal unauthorized(String reason) {
		return new Refusal(HttpStatus.UNAUTHORIZED, reason, null);
	}

	static Refusal forbidden(String reason) {
		return new Refusal(HttpStatus.FORBIDDEN, reason, null);
	}

}
