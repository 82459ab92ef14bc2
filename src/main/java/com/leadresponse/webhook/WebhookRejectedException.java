package com.leadresponse.webhook;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A webhook request that is not Twilio's, or not well formed: answered with its status,
 * nothing stored.
 */
class WebhookRejectedException extends ResponseStatusException {

	WebhookRejectedException(HttpStatus status, String reason) {
		super(status, reason);
	}

}
