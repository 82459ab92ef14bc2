package com.leadresponse.webhook;

import java.util.Map;

import com.leadresponse.sms.TwilioProperties;
import com.leadresponse.system.AppProperties;
import com.twilio.security.RequestValidator;

import org.springframework.stereotype.Component;

/**
 * Checks {@code X-Twilio-Signature} with Twilio's own validator over
 * {@code APP_PUBLIC_URL} + the request path and query and every POST parameter (SPEC 3,
 * docs/twilio.md). The URL comes from the configured public base, never from the request,
 * which a TLS proxy would show as {@code http}. With no Twilio credentials every
 * signature is invalid.
 */
@Component
class TwilioSignature {

	private final RequestValidator validator;

	private final AppProperties app;

	TwilioSignature(TwilioProperties twilio, AppProperties app) {
		this.validator = twilio.configured() ? new RequestValidator(twilio.authToken()) : null;
		this.app = app;
	}

	boolean valid(String pathAndQuery, Map<String, String> postParams, String signature) {
		if (this.validator == null || signature == null || signature.isBlank()) {
			return false;
		}
		return this.validator.validate(signedUrl(pathAndQuery), postParams, signature);
	}

	/** The URL a valid signature must have been computed over. */
	String signedUrl(String pathAndQuery) {
		return this.app.urlOf(pathAndQuery);
	}

}
