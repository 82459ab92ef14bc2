package com.leadresponse.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.leadresponse.media.MalformedMediaException;

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

	static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

	private static final byte[] EMPTY_TWIML_BYTES = EMPTY_TWIML.getBytes(StandardCharsets.UTF_8);

	private final TwilioWebhookGuard guard;

	private final InboundMessageHandler inbound;

	private final StatusCallbackHandler statusCallbacks;

	TwilioWebhookController(TwilioWebhookGuard guard, InboundMessageHandler inbound,
			StatusCallbackHandler statusCallbacks) {
		this.guard = guard;
		this.inbound = inbound;
		this.statusCallbacks = statusCallbacks;
	}

	/**
	 * The answer, the same empty TwiML document every time, is written straight to the
	 * response: Spring's return-value handling and message conversion cost a fresh
	 * webhook more CPU than its claim (docs/performance.md).
	 */
	@PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_XML_VALUE)
	void inbound(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Map<String, String> params = this.guard.verify(request);
		TwilioParameters.requireInbound(params);
		try {
			this.inbound.handle(params);
		}
		catch (MalformedMediaException ex) {
			throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		response.setContentType("text/xml;charset=UTF-8");
		response.setContentLength(EMPTY_TWIML_BYTES.length);
		response.getOutputStream().write(EMPTY_TWIML_BYTES);
	}

	@PostMapping(path = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Void> status(HttpServletRequest request) {
		Map<String, String> params = this.guard.verify(request);
		TwilioParameters.requireStatusCallback(params);
		this.statusCallbacks.handle(params);
		return ResponseEntity.noContent().build();
	}

}
