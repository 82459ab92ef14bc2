package com.leadresponse.lead;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A lead as the JSON API shows it ({@code assignedTo}: the owner's staff id, SPEC 11);
 * {@code duplicate} (false) only in the answer of the intake that created it.
 */
public record LeadView(UUID id, String name, String phone, String email, String source, String message,
		String externalId, String status, String closedReason, Instant closedAt, Instant createdAt,
		Instant lastActivityAt, Instant optedOutAt, Instant unreachableAt, boolean unreadReply, UUID assignedTo,
		@JsonInclude(JsonInclude.Include.NON_NULL) Boolean duplicate) {

	static LeadView of(Lead lead, Boolean duplicate) {
		return new LeadView(lead.id(), lead.name(), lead.phone(), lead.email(), lead.source(), lead.message(),
				lead.externalId(), lead.status().dbValue(), lead.closedReason(), lead.closedAt(), lead.createdAt(),
				lead.lastActivityAt(), lead.optedOutAt(), lead.unreachableAt(), lead.hasUnreadReply(),
				lead.assignedTo(), duplicate);
	}

}
