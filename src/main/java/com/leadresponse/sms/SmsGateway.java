package com.leadresponse.sms;

import java.time.Instant;
import java.util.List;

/**
 * Where outbound SMS go: Twilio, or the simulator when no Twilio credentials are
 * configured.
 */
public interface SmsGateway {

	/**
	 * Posts one message to the provider, once: implementations never retry on their own.
	 */
	SendOutcome send(OutboundSms sms);

	/**
	 * The messages the provider accepted with this recipient and body since
	 * {@code notBefore}, newest first: how a message left {@code sending} by a crash or
	 * an uncertain answer is settled.
	 */
	List<ProviderMessage> findAccepted(OutboundSms sms, Instant notBefore);

	/** The sender as shown to staff: a phone number or a Messaging Service SID. */
	String sender();

	boolean simulated();

	/**
	 * A text to send; with media, an MMS whose photos the provider fetches from the
	 * links.
	 */
	record OutboundSms(String to, String body, List<java.net.URI> mediaUrls) {

		public OutboundSms {
			mediaUrls = List.copyOf(mediaUrls);
		}

		public OutboundSms(String to, String body) {
			this(to, body, List.of());
		}

	}

	/**
	 * A message as the provider lists it: its SID, and its status and error code as of
	 * now (Twilio's names), which may be further on than any callback the product got.
	 */
	record ProviderMessage(String sid, String status, String errorCode) {
	}

	/** What the provider said to one send. */
	sealed interface SendOutcome {

		/** The provider took the message; {@code sid} identifies it from now on. */
		record Accepted(String sid) implements SendOutcome {
		}

		/** The provider refused it for good (21211, 21610, 21614, ...): never retried. */
		record Rejected(String code, String message) implements SendOutcome {
		}

		/**
		 * The provider surely did not take it (connection refused, 429): safe to retry
		 * later.
		 */
		record NotAccepted(String code, String message) implements SendOutcome {
		}

		/**
		 * The provider may or may not have taken it (5xx, read timeout): never re-sent
		 * blindly.
		 */
		record Ambiguous(String code, String message) implements SendOutcome {
		}

	}

}
