package com.leadresponse.calls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.leadresponse.system.AppProperties;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;

import org.springframework.stereotype.Component;

/**
 * Writes a {@link VoiceAnswer} as TwiML with Twilio's own library (SPEC 8,
 * docs/twilio.md): {@code <Dial>} with one {@code <Number>} per staff phone,
 * {@code answerOnBridge} and the dial-status action; or the greeting and a
 * {@code <Record>} whose status callback stores the voicemail. Every URL Twilio is given
 * is built from {@code APP_PUBLIC_URL}, the URL its signatures are checked against.
 */
@Component
class CallTwiml {

	static final String VOICE_PATH = "/api/webhooks/twilio/voice";

	static final String DIAL_STATUS_PATH = VOICE_PATH + "/dial-status";

	static final String RECORDING_PATH = VOICE_PATH + "/recording";

	/**
	 * The {@code <Record>} action: without one, Twilio requests the current document
	 * again when the recording ends, and the voicemail would start over.
	 */
	static final String RECORDED_PATH = VOICE_PATH + "/recorded";

	/** SPEC 8: a voicemail is at most two minutes. */
	static final int VOICEMAIL_MAX_SECONDS = 120;

	/**
	 * More distinct answers than the settings make at once (one ring, one voicemail, one
	 * hang-up, and those of settings just changed).
	 */
	private static final int CACHED_ANSWERS = 32;

	private final AppProperties app;

	/**
	 * Each answer as written before: the library builds a DOM and a new JAXP transformer
	 * for every document (about 3 ms of CPU, the largest share of a voice webhook), and
	 * the same few answers are given to every caller.
	 */
	private final Map<VoiceAnswer, String> written = new ConcurrentHashMap<>();

	CallTwiml(AppProperties app) {
		this.app = app;
	}

	String render(VoiceAnswer answer) {
		String xml = this.written.get(answer);
		if (xml == null) {
			if (this.written.size() >= CACHED_ANSWERS) {
				this.written.clear();
			}
			xml = write(answer);
			this.written.put(answer, xml);
		}
		return xml;
	}

	private String write(VoiceAnswer answer) {
		VoiceResponse.Builder response = new VoiceResponse.Builder();
		if (answer instanceof VoiceAnswer.Ring ring) {
			Dial.Builder dial = new Dial.Builder().timeout(ring.seconds())
				.answerOnBridge(true)
				.action(this.app.urlOf(DIAL_STATUS_PATH));
			ring.phones().forEach((phone) -> dial.number(new Number.Builder(phone).build()));
			response.dial(dial.build());
		}
		else if (answer instanceof VoiceAnswer.TakeVoicemail voicemail) {
			response.say(new Say.Builder(voicemail.greeting()).build())
				.record(new Record.Builder().maxLength(VOICEMAIL_MAX_SECONDS)
					.playBeep(true)
					.action(this.app.urlOf(RECORDED_PATH))
					.recordingStatusCallback(this.app.urlOf(RECORDING_PATH))
					.build())
				// Reached when the caller left no message: Twilio goes on past <Record>.
				.hangup(new Hangup.Builder().build());
		}
		else {
			response.hangup(new Hangup.Builder().build());
		}
		try {
			return response.build().toXml();
		}
		catch (TwiMLException ex) {
			throw new IllegalStateException("Could not write TwiML", ex);
		}
	}

}
