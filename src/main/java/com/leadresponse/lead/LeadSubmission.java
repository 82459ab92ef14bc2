package com.leadresponse.lead;

import java.util.List;
import java.util.Objects;

/**
 * One submission of a lead source, handed to {@link SourceSubmissionIntake#submit} (SPEC
 * 9): which source, the source's own ID of the lead (null when it has none), the body as
 * received (JSON text, stored as it came), and the fields the source's connector read
 * from it.
 *
 * @param test a source's test lead (Google's "send test data"): stored and marked, never
 * texted
 */
public record LeadSubmission(String source, String externalId, String payload, Fields fields, boolean test) {

	public LeadSubmission {
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(payload, "payload");
		fields = (fields != null) ? fields : Fields.NONE;
	}

	/**
	 * What a connector read from the payload, as the source sent it: the phone is read
	 * and checked by the intake, not by the connector; {@code description} is the job
	 * description, {@code answers} the source's own questions and answers.
	 */
	public record Fields(String name, String phone, String email, String description, List<Answer> answers) {

		static final Fields NONE = new Fields(null, null, null, null, List.of());

		public Fields {
			answers = (answers != null) ? List.copyOf(answers) : List.of();
		}

	}

	/** One of the source's questions and its answer ("Project scope": "Full kitchen"). */
	public record Answer(String question, String answer) {
	}

}
