package com.leadresponse.inbox;

import java.util.Map;

/**
 * Twilio's error codes in words staff can act on: why a text failed or was not delivered,
 * and what to do about it.
 */
final class TwilioErrors {

	private static final Map<String, String> SENTENCES = Map.ofEntries(
			Map.entry("20003",
					"Twilio refused the account credentials. An admin must check TWILIO_ACCOUNT_SID "
							+ "and TWILIO_AUTH_TOKEN."),
			Map.entry("20429", "Twilio was busy and asked us to slow down; the text is retried automatically."),
			Map.entry("21211",
					"This phone number is not valid, so Twilio could not text it. Check the number "
							+ "with the lead."),
			Map.entry("21408", "Texting this country is not enabled on the Twilio account (Geo Permissions)."),
			Map.entry("21602", "The message was empty."),
			Map.entry("21606", "The sending number cannot send SMS from this Twilio account."),
			Map.entry("21608", "A Twilio trial account can only text verified numbers."),
			Map.entry("21610",
					"The lead unsubscribed by replying STOP. They must text START before you can "
							+ "text them again."),
			Map.entry("21612", "Twilio cannot deliver between our sending number and this number."),
			Map.entry("21614",
					"This number cannot receive texts: it is not a mobile number (a landline, "
							+ "for example). Call the lead instead."),
			Map.entry("21617", "The message is longer than Twilio allows (1,600 characters)."),
			Map.entry("30001", "Twilio's queue for our number overflowed and dropped the text. Try again later."),
			Map.entry("30002", "The Twilio account is suspended. An admin must check it."),
			Map.entry("30003",
					"The lead's phone could not be reached: it may be switched off or out of "
							+ "coverage. Try again later."),
			Map.entry("30004",
					"The text was blocked: the lead may have blocked our number, or their carrier " + "blocks it."),
			Map.entry("30005", "This number does not exist or is no longer in service."),
			Map.entry("30006", "This is a landline or a carrier that cannot receive texts. Call the lead instead."),
			Map.entry("30007",
					"The carrier filtered the text as spam. Avoid link shorteners and check the "
							+ "number's 10DLC registration."),
			Map.entry("30008", "The carrier could not deliver the text and did not say why. Try again later."),
			Map.entry("30010", "The text cost more than the maximum price set for it."),
			Map.entry("30032", "The toll-free sending number is not verified, so carriers block it."),
			Map.entry("30034", "Our sending number is not registered for US A2P 10DLC, so US carriers block it."),
			Map.entry("connection", "Twilio could not be reached."));

	private TwilioErrors() {
	}

	/**
	 * A failure in words: the sentence for a known code, else the provider's own message.
	 */
	static String explain(String code, String providerMessage) {
		String sentence = (code != null) ? SENTENCES.get(code) : null;
		if (sentence != null) {
			return sentence;
		}
		if (providerMessage != null && !providerMessage.isBlank()) {
			return providerMessage;
		}
		return (code != null) ? "The text failed with Twilio error " + code + "."
				: "The text failed for a reason Twilio did not give.";
	}

}
