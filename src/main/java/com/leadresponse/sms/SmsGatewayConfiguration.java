package com.leadresponse.sms;

import com.leadresponse.system.AppProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses Twilio when its credentials are set, else the simulator (SPEC 2). */
@Configuration(proxyBeanMethods = false)
class SmsGatewayConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SmsGatewayConfiguration.class);

	@Bean
	SmsGateway smsGateway(TwilioProperties twilio, AppProperties app) {
		if (twilio.configured()) {
			if (twilio.fromNumber() == null && twilio.messagingServiceSid() == null) {
				throw new IllegalStateException(
						"Twilio is configured but has no sender: set TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID");
			}
			log.info("Sending SMS through Twilio at {} as {}", twilio.apiBaseUrl(),
					(twilio.messagingServiceSid() != null) ? twilio.messagingServiceSid() : twilio.fromNumber());
			return new TwilioSmsGateway(twilio, app);
		}
		log.info("No TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN: using the built-in SMS simulator");
		return new SimulatorSmsGateway();
	}

}
