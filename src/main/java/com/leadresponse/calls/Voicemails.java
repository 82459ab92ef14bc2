package com.leadresponse.calls;

import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * Playing a voicemail (SPEC 8): staff hear it through this service, which fetches it with
 * the account's credentials; the recording is never linked to Twilio directly.
 */
@Service
class Voicemails {

	private final CallRepository calls;

	private final VoicemailAudio audio;

	Voicemails(CallRepository calls, VoicemailAudio audio) {
		this.calls = calls;
		this.audio = audio;
	}

	/**
	 * The voicemail of a call, or the part {@code range} asks for; the caller closes it.
	 */
	VoicemailAudio.Audio open(UUID callId, String range) {
		Call call = this.calls.findById(callId).orElseThrow(() -> CallNotFoundException.forId(callId));
		if (!call.hasVoicemail()) {
			throw RecordingUnavailableException.noVoicemail();
		}
		return this.audio.open(call, range);
	}

	/** The path staff play a call's voicemail at. */
	static String path(UUID callId) {
		return "/api/calls/" + callId + "/recording";
	}

}
