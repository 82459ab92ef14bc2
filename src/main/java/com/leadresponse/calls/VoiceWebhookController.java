package com.leadresponse.calls;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import com.leadresponse.webhook.TwilioWebhookGuard;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's voice webhooks (SPEC 8), each signed as the SMS webhooks are (403 and nothing
 * stored otherwise): the number's Voice URL, the {@code <Dial>} action, the recording
 * status callback, and the {@code <Record>} action that ends the call after a voicemail.
 */
@RestController
@RequestMapping(CallTwiml.VOICE_PATH)
class VoiceWebhookController {

	private final TwilioWebhookGuard guard;

	private final IncomingCalls calls;

	private final CallTwiml twiml;

	VoiceWebhookController(TwilioWebhookGuard guard, IncomingCalls calls, CallTwiml twiml) {
		this.guard = guard;
		this.calls = calls;
		this.twiml = twiml;
	}

	@PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_XML_VALUE)
	ResponseEntity<String> voice(HttpServletRequest request) {
		Map<String, String> params = this.guard.verify(request, "CallSid", "From");
		return twiml(this.calls.arrived(params));
	}

	@PostMapping(path = "/dial-status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.TEXT_XML_VALUE)
	ResponseEntity<String> dialStatus(HttpServletRequest request) {
		Map<String, String> params = this.guard.verify(request, "CallSid", "DialCallStatus");
		return twiml(this.calls.dialEnded(params));
	}

	@PostMapping(path = "/recording", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Void> recording(HttpServletRequest request) {
		Map<String, String> params = this.guard.verify(request, "CallSid", "RecordingSid");
		this.calls.voicemailRecorded(params);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/recorded", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
			produces = MediaType.TEXT_XML_VALUE)
	ResponseEntity<String> recorded(HttpServletRequest request) {
		this.guard.verify(request, "CallSid");
		return twiml(new VoiceAnswer.HangUp());
	}

	private ResponseEntity<String> twiml(VoiceAnswer answer) {
		return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(this.twiml.render(answer));
	}

}
