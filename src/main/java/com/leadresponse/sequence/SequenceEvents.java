package com.leadresponse.sequence;

import java.util.List;
import java.util.UUID;

/** What happens to sequences, published inside the transaction that made it happen. */
public final class SequenceEvents {

	private SequenceEvents() {
	}

	/**
	 * Leads whose sequence expired were closed as lost (SPEC 5.6), by the expiry pass (a
	 * batch) or by the follow-up sweep (one lead); each with the status it had.
	 */
	public record Expired(List<ExpiredLead> leads) {
	}

	/**
	 * A lead closed by its sequence's expiry, and its status before
	 * ({@code leads.status}).
	 */
	public record ExpiredLead(UUID leadId, String previousStatus) {
	}

}
