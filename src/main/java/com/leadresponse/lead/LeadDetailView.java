package com.leadresponse.lead;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.leadresponse.sms.Message;
import com.leadresponse.sms.RateLimitStatus;

/**
 * {@code GET /api/leads/{id}}: the lead's fields at the top level, as in the list and the
 * intake answer, with its conversation, calls, SMS counter and sequence (SPEC 3).
 */
public record LeadDetailView(@JsonUnwrapped LeadView lead, List<MessageView> messages, List<LeadCalls.CallView> calls,
		RateLimitStatus rateLimit, SequenceView sequence) {

	public record MessageView(UUID id, String direction, String body, String status, String providerSid,
			String errorCode, String errorMessage, Integer sequenceStep, UUID sentById, Instant createdAt) {

		static MessageView of(Message m) {
			return new MessageView(m.id(), m.direction(), m.body(), m.status().dbValue(), m.providerSid(),
					m.errorCode(), m.errorMessage(), m.sequenceStep(), m.sentById(), m.createdAt());
		}

	}

	public record SequenceView(int step, Instant nextFollowupAt, Instant expiresAt, boolean active, boolean paused,
			String endedReason) {

		static SequenceView of(Lead lead) {
			return new SequenceView(lead.sequenceStep(), lead.nextFollowupAt(), lead.sequenceExpiresAt(),
					lead.sequenceActive(), lead.sequencePausedAt() != null, lead.sequenceEndedReason());
		}

	}

}
