package com.leadresponse.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What every Twilio webhook passes before it is processed (SPEC 3, 8), the SMS webhooks
 * here and the voice webhooks of calls alike: signed by Twilio (else 403) and carrying
 * the parameters it needs (else 400); a request that fails either stores nothing.
 */
@Component
public class TwilioWebhookGuard {

	private static final Logger log = LoggerFactory.getLogger(TwilioWebhookGuard.class);

	private final TwilioSignature signature;

	TwilioWebhookGuard(TwilioSignature signature) {
		this.signature = signature;
	}

	/**
	 * The request's POST parameters, once its signature is valid and each of
	 * {@code required} is present and not blank.
	 * @throws org.springframework.web.server.ResponseStatusException 403 for a missing or
	 * wrong signature, 400 naming the first missing parameter
	 */
	public Map<String, String> verify(HttpServletRequest request, String... required) {
		Map<String, String> params = postParameters(request);
		String pathAndQuery = request.getRequestURI()
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		if (!this.signature.valid(pathAndQuery, params, request.getHeader("X-Twilio-Signature"))) {
			// The operator's first clue when replies stop arriving: Twilio signs the URL
			// it calls, which must be APP_PUBLIC_URL + path. Nothing the lead sent is
			// logged.
			log.warn(
					"Rejected Twilio webhook with an invalid or missing X-Twilio-Signature (403); signatures are "
							+ "checked against {}: it must be the exact URL configured at Twilio",
					this.signature.signedUrl(pathAndQuery));
			throw new WebhookRejectedException(HttpStatus.FORBIDDEN, "Invalid or missing X-Twilio-Signature");
		}
		for (String name : required) {
			String value = params.get(name);
			if (value == null || value.isBlank()) {
				throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, "Missing Twilio parameter " + name);
			}
		}
		return params;
	}

	/**
	 * The POST body's parameters alone: the servlet parameter map puts query parameters
	 * first, and Twilio signs only the body's (docs/twilio.md), so the query's values are
	 * taken off the front.
	 */
	static Map<String, String> postParameters(HttpServletRequest request) {
		Map<String, Integer> fromQuery = new HashMap<>();
		String query = request.getQueryString();
		if (query != null) {
			for (String pair : query.split("&")) {
				if (!pair.isEmpty()) {
					String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
					fromQuery.merge(name, 1, Integer::sum);
				}
			}
		}
		Map<String, String> params = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			int skip = fromQuery.getOrDefault(name, 0);
			if (values.length > skip) {
				params.put(name, values[skip]);
			}
		});
		return params;
	}

}
