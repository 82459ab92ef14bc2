package com.leadresponse.calls;

import com.leadresponse.sms.TwilioProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Voicemails come from Twilio when its credentials are set, else from the simulator, as
 * texts go (SPEC 2).
 */
@Configuration(proxyBeanMethods = false)
class VoicemailAudioConfiguration {

	@Bean
	VoicemailAudio voicemailAudio(TwilioProperties twilio) {
		return twilio.configured() ? new TwilioVoicemailAudio(twilio) : new SimulatedVoicemailAudio();
	}

}
