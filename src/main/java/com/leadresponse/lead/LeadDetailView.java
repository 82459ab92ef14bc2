package com.leadresponse.lead;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.leadresponse.media.MediaItem;
import com.leadresponse.sms.Message;
import com.leadresponse.sms.RateLimitStatus;

/**
 * {@code GET /api/leads/{id}}: the lead's fields at the top level, as in the list and the
 * intake answer, with its conversation (each message with its photos and other media,
 * SPEC 10), calls, SMS counter and sequence (SPEC 3), and the submissions that made it or
 * joined it (SPEC 9: the intake API, a form, a marketplace, an import).
 */
public record LeadDetailView(@JsonUnwrapped LeadView lead, List<MessageView> messages, List<LeadCalls.CallView> calls,
		RateLimitStatus rateLimit, SequenceView sequence, List<SubmissionView> submissions) {

	public record MessageView(UUID id, String direction, String body, String status, String providerSid,
			String errorCode, String errorMessage, Integer sequenceStep, UUID sentById, Instant createdAt,
			String channel, List<MediaView> media) {

		static MessageView of(Message m, List<MediaView> media) {
			return new MessageView(m.id(), m.direction(), m.body(), m.status().dbValue(), m.providerSid(),
					m.errorCode(), m.errorMessage(), m.sequenceStep(), m.sentById(), m.createdAt(), m.channel(), media);
		}

	}

	/**
	 * One medium of a message: {@code status} {@code pending} (downloading from Twilio),
	 * {@code stored} or {@code failed} (with {@code error}); {@code url}, once stored, a
	 * link the service signed that works without a login for a few hours.
	 */
	public record MediaView(UUID id, String contentType, Integer sizeBytes, String status, String error, String url) {

		static MediaView of(MediaItem item, String url) {
			return new MediaView(item.id(), item.contentType(), item.sizeBytes(),
					item.status().name().toLowerCase(java.util.Locale.ROOT), item.errorMessage(),
					(item.status() == MediaItem.Status.STORED) ? url : null);
		}

	}

	/**
	 * One submission of the lead, oldest first: where it came from ({@code source}, the
	 * source's {@code externalId}), what became of it ({@code outcome}: {@code created},
	 * {@code attached}) and the fields it brought, cleaned as stored.
	 */
	public record SubmissionView(UUID id, String source, String externalId, Instant receivedAt, String outcome,
			String name, String phone, String email, String description, List<LeadSubmission.Answer> answers) {

		static SubmissionView of(LeadSubmissions.SubmissionView submission) {
			return new SubmissionView(submission.id(), submission.source(), submission.externalId(),
					submission.receivedAt(), submission.outcome().dbValue(), submission.name(), submission.phone(),
					submission.email(), submission.description(), submission.answers());
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
