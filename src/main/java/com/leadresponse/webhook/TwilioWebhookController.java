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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks (SPEC 3): inbound SMS and message status callbacks, each signed by
 * Twilio. An unsigned or wrongly signed request gets 403 and nothing is stored.
 */
@RestController
@RequestMapping("/api/webhooks/twilio")
class TwilioWebhookController {

	private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);

	static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

	private final TwilioSignature signature;

	private final InboundMessageHandler inbound;

	private final StatusCallbackHandler statusCallbacks;

	TwilioWebhookController(TwilioSignature signature, InboundMessageHandler inbound,
			StatusCallbackHandler statusCallbacks) {
		this.signature = signature;
		this.inbound = inbound;
		this.statusCallbacks = statusCallbacks;
	}

	@PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_XML_VALUE)
	ResponseEntity<String> inbound(HttpServletRequest request) {
		Map<String, String> params = verifiedParams(request);
		TwilioParameters.requireInbound(params);
		this.inbound.handle(params);
		return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
	}

	@PostMapping(path = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Void> status(HttpServletRequest request) {
		Map<String, String> params = verifiedParams(request);
		TwilioParameters.requireStatusCallback(params);
		this.statusCallbacks.handle(params);
		return ResponseEntity.noContent().build();
	}

	private Map<String, String> verifiedParams(HttpServletRequest request) {
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
