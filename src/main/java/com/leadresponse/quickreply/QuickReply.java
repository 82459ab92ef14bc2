package com.leadresponse.quickreply;

import java.time.Instant;
import java.util.UUID;

/**
 * A saved text: what staff type after {@code /} to find it, and the text with its merge
 * fields.
 */
public record QuickReply(UUID id, String shortcut, String body, Instant createdAt) {

	/** The reply as the composer inserts it for one lead: its merge fields filled. */
	public record ForLead(UUID id, String shortcut, String text) {
	}

}
