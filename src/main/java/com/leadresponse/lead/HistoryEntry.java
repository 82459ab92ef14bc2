package com.leadresponse.lead;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened to a lead besides its texts, as its conversation shows it: an
 * internal note (never texted) or a status event (won, lost with its reason, reopened,
 * sequence paused or resumed), with the staff member who did it (null for the product).
 */
public record HistoryEntry(UUID id, UUID leadId, Kind kind, String body, UUID actorId, Instant createdAt) {

	/** The kinds of {@code lead_history.kind}. */
	public enum Kind {

		NOTE, WON, LOST, REOPENED, PAUSED, RESUMED;

		public String dbValue() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		static Kind fromDb(String value) {
			return valueOf(value.toUpperCase(java.util.Locale.ROOT));
		}

	}

}
