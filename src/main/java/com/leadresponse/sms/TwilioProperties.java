package com.leadresponse.sms;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Twilio credentials and sender ({@code TWILIO_*}); with no account SID and auth token
 * the product uses the SMS simulator. The auth token never appears in
 * {@link #toString()}.
 */
@Validated
@ConfigurationProperties("twilio")
public record TwilioProperties(String accountSid, String authToken, String fromNumber, String messagingServiceSid,
		@DefaultValue("https://api.twilio.com") URI apiBaseUrl) {

	public boolean configured() {
		return StringUtils.hasText(this.accountSid) && StringUtils.hasText(this.authToken);
	}

	@Override
	public String toString() {
		return "TwilioProperties[accountSid=" + this.accountSid + ", fromNumber=" + this.fromNumber
				+ ", messagingServiceSid=" + this.messagingServiceSid + ", apiBaseUrl=" + this.apiBaseUrl + "]";
	}

}
