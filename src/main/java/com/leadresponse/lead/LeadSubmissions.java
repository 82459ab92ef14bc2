package com.leadresponse.lead;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff and connectors read of {@code lead_submissions} (SPEC 9): a lead's
 * submissions for its page, those that reached no lead, each source's count, and the
 * bookkeeping of details a connector reads from its source afterwards (Meta's Graph API).
 */
@Service
public class LeadSubmissions {

	/** A submission as staff read it. */
	public record SubmissionView(UUID id, UUID leadId, String source, String externalId, Instant receivedAt,
			SubmissionOutcome outcome, String name, String phone, String email, String description,
			List<LeadSubmission.Answer> answers, int detailAttempts, String detailError) {
	}

	/** How many submissions a source sent, and when the last came (null for none). */
	public record SourceCount(long count, Instant lastReceivedAt) {
	}

	/** One attempt at reading a submission's details from its source. */
	public record DetailAttempt(UUID submissionId, String source, String externalId, int attempts) {
	}

	private final SubmissionRepository submissions;

	LeadSubmissions(SubmissionRepository submissions) {
		this.submissions = submissions;
	}

	/** The lead's submissions, oldest first. */
	public List<SubmissionView> of(UUID leadId) {
		return this.submissions.forLead(leadId);
	}

	/** The newest submissions that reached no lead. */
	public List<SubmissionView> withoutLead(int limit) {
		return this.submissions.withoutLead(limit);
	}

	public int countWithoutLead() {
		return this.submissions.countWithoutLead();
	}

	public SourceCount countFor(String source) {
		return this.submissions.countFor(source);
	}

	/**
	 * Counts one more attempt at reading the submission's details; empty when they were
	 * read already (the reading task then has nothing to do).
	 */
	@Transactional
	public java.util.Optional<DetailAttempt> startDetailAttempt(UUID submissionId) {
		return this.submissions.startDetailAttempt(submissionId);
	}

	/** Why the last reading failed, for staff; the submission keeps waiting. */
	@Transactional
	public void noteDetailFailure(UUID submissionId, String error) {
		this.submissions.noteDetailFailure(submissionId, error);
	}

}
