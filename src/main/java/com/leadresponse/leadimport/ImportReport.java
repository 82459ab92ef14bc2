package com.leadresponse.leadimport;

import java.util.List;
import java.util.UUID;

/**
 * What an import did, or in a dry run would do: each row's outcome, and the counts of
 * {@code POST /api/leads/import}'s answer (SPEC 9).
 */
record ImportReport(boolean dryRun, List<RowOutcome> rows) {

	/** What became of one row; {@code leadId} is the lead it made or found. */
	record RowOutcome(long line, String name, String phone, Outcome outcome, String error, UUID leadId) {
	}

	enum Outcome {

		CREATED, DUPLICATE, INVALID

	}

	/** One invalid row of the answer: its line and why. */
	record Invalid(long line, String error) {
	}

	public int created() {
		return (int) this.rows.stream().filter((r) -> r.outcome() == Outcome.CREATED).count();
	}

	public int duplicates() {
		return (int) this.rows.stream().filter((r) -> r.outcome() == Outcome.DUPLICATE).count();
	}

	public List<Invalid> invalid() {
		return this.rows.stream()
			.filter((r) -> r.outcome() == Outcome.INVALID)
			.map((r) -> new Invalid(r.line(), r.error()))
			.toList();
	}

}
