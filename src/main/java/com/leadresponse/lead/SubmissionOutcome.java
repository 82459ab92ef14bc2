package com.leadresponse.lead;

/** {@code lead_submissions.outcome}: what became of a submission, in words for staff. */
public enum SubmissionOutcome {

	CREATED("created", "New lead"), ATTACHED("attached", "Added to the open lead"),
	NO_PHONE("no_phone", "No phone number that can receive texts: not texted"),
	COUNTRY_NOT_TEXTED("country_not_texted", "A number in a country the business does not text: not texted"),
	TEST("test", "Test lead from the source: stored, not texted"),
	AWAITING_DETAILS("awaiting_details", "Waiting for the lead's details from the source");

	private final String dbValue;

	private final String description;

	SubmissionOutcome(String dbValue, String description) {
		this.dbValue = dbValue;
		this.description = description;
	}

	public String dbValue() {
		return this.dbValue;
	}

	public String description() {
		return this.description;
	}

	/** Whether the submission reached a lead. */
	public boolean hasLead() {
		return this == CREATED || this == ATTACHED;
	}

	static SubmissionOutcome fromDb(String value) {
		for (SubmissionOutcome outcome : values()) {
			if (outcome.dbValue.equals(value)) {
				return outcome;
			}
		}
		throw new IllegalArgumentException("Unknown submission outcome " + value);
	}

}
