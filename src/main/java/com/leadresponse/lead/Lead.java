package com.leadresponse.lead;

import java.time.Instant;
import java.util.UUID;

/**
 * A sales lead with its sequence and SMS counters and its owner (SPEC 11, null while
 * nobody owns it), as stored in {@code leads}.
 */
public record Lead(UUID id, String name, String phone, String email, String source, String message, String externalId,
		LeadStatus status, String closedReason, Instant closedAt, Instant createdAt, Instant lastActivityAt,
		Instant lastInboundAt, Instant staffReadAt, int sequenceStep, Instant nextFollowupAt, Instant sequencePausedAt,
		String sequenceEndedReason, Instant sequenceExpiresAt, Instant lastSmsAt, int smsCountToday,
		Instant smsCountResetAt, Instant optedOutAt, Instant unreachableAt, Instant awaitingReplySince,
		UUID assignedTo) {

	public boolean sequenceActive() {
		return this.nextFollowupAt != null && this.sequencePausedAt == null && !this.status.isClosed();
	}

	/** SPEC 6 "Needs reply": its latest texts wait for a staff answer. */
	public boolean needsReply() {
		return this.awaitingReplySince != null;
	}

	public boolean hasUnreadReply() {
		return this.lastInboundAt != null
				&& (this.staffReadAt == null || this.staffReadAt.isBefore(this.lastInboundAt));
	}

}
