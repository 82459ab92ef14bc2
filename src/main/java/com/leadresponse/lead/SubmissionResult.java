package com.leadresponse.lead;

import java.util.UUID;

/**
 * What became of a submission (SPEC 9). Every outcome but {@link Replayed} stored a row
 * in {@code lead_submissions}; a connector answers its source with success for all of
 * them, so the source neither retries nor gives up on a lead that was kept.
 */
public sealed interface SubmissionResult {

	/** The row of the submission (for a replay: of the first one). */
	UUID submissionId();

	/** A new lead, texted its instant response unless its source marked it a test. */
	record Created(UUID submissionId, Lead lead) implements SubmissionResult {
	}

	/**
	 * The phone's open lead took the submission: no second lead, no second instant
	 * response; the lead keeps its first source.
	 */
	record Attached(UUID submissionId, Lead lead) implements SubmissionResult {
	}

	/**
	 * The source sent this lead before (same source and external ID): nothing changed.
	 * {@code leadId} is the first submission's lead, null when that one reached none.
	 */
	record Replayed(UUID submissionId, UUID leadId) implements SubmissionResult {
	}

	/**
	 * Stored without a lead, for staff to see: no usable phone, a country the business
	 * does not text, a test lead, or details still to be read from the source.
	 */
	record Kept(UUID submissionId, SubmissionOutcome outcome) implements SubmissionResult {
	}

}
