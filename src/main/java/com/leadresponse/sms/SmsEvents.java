package com.leadresponse.sms;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the sending pipeline tells the rest of the product, published inside its
 * transactions.
 */
public final class SmsEvents {

	private SmsEvents() {
	}

	/**
	 * The provider accepted an outbound message to a lead: who sent it (null for an
	 * automatic text), when it was queued, and the provider's SID.
	 */
	public record MessageSent(UUID leadId, UUID messageId, UUID sentById, Instant queuedAt, String providerSid) {
	}

	/**
	 * The provider accepted outbound messages, recorded together: one, or a sweep's
	 * batch, for which listeners update their rows in one statement, not one per message.
	 */
	public record MessagesSent(List<MessageSent> messages) {
	}

	/**
	 * A send failed for good in a way that ends the lead's sequence (SPEC 5.9: 21211,
	 * 21614, 21610).
	 */
	public record PermanentFailure(UUID leadId, String errorCode, String reason) {
	}

	/**
	 * The hour's automatic texts reached the cap (SPEC 3 {@code outboundHourlyCap}): the
	 * others wait until {@code resumeAt}. Published once per hour.
	 */
	public record AutomaticTextsPaused(int cap, Instant resumeAt) {
	}

	/** A number opted out (SPEC 5.7): a STOP keyword, or Twilio's 21610 on a send. */
	public record OptedOut(String phone) {
	}

}
