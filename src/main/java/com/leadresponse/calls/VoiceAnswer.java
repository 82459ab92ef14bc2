package com.leadresponse.calls;

import java.util.List;

/** What the service tells Twilio to do with a caller, as TwiML ({@link CallTwiml}). */
sealed interface VoiceAnswer {

	/** Ring every staff phone together for {@code seconds} (SPEC 8 {@code <Dial>}). */
	record Ring(List<String> phones, int seconds) implements VoiceAnswer {
	}

	/** Say the greeting and record a voicemail of at most two minutes. */
	record TakeVoicemail(String greeting) implements VoiceAnswer {
	}

	/** End the call: answered and over, or missed with voicemail off. */
	record HangUp() implements VoiceAnswer {
	}

}
