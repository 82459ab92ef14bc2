package com.leadresponse.sms;

import java.util.List;

import com.leadresponse.settings.SetupContributor;
import com.leadresponse.settings.SetupItem;

import org.springframework.stereotype.Component;

/** The setup checklist's line on where texts go: Twilio, or the built-in simulator. */
@Component
class SendingSetup implements SetupContributor {

	private final SmsGateway gateway;

	SendingSetup(SmsGateway gateway) {
		this.gateway = gateway;
	}

	@Override
	public List<SetupItem> setupItems() {
		if (this.gateway.simulated()) {
			return List.of(new SetupItem(10, "Texts go to the built-in simulator",
					"No real phone gets them. Set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER to "
							+ "text through Twilio, and point the number's webhooks at this service (docs/twilio.md).",
					false, null, null));
		}
		return List.of(new SetupItem(10, "Texts go through Twilio", "Sending as " + this.gateway.sender() + ".", true,
				null, null));
	}

}
