package com.leadresponse.sms;

import java.time.Instant;
import java.util.UUID;

/**
 * One text of a lead's conversation, inbound or outbound, as stored in {@code messages};
 * {@code waitingForSlot} while a text queued for when allowed waits for its moment,
 * {@code scheduledFor}; {@code channel} {@code sms}, or {@code thumbtack} for a
 * customer's message a lead source relayed into the conversation.
 */
public record Message(UUID id, UUID leadId, String direction, String body, MessageStatus status, String providerSid,
		String errorCode, String errorMessage, Integer sequenceStep, UUID sentById, String toPhone, String fromPhone,
		int attempts, Instant createdAt, Instant updatedAt, Instant scheduledFor, boolean waitingForSlot,
		String channel) {

	/** A customer's message in a Thumbtack conversation, relayed by the connector. */
	public static final String THUMBTACK = "thumbtack";

	public boolean outbound() {
		return "outbound".equals(this.direction);
	}

}
