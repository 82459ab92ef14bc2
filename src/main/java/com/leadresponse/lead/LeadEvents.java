package com.leadresponse.lead;

import java.util.UUID;

import com.leadresponse.sms.OptOuts;

/** What happens to leads, published inside the transaction that made it happen. */
public final class LeadEvents {

	private LeadEvents() {
	}

	/**
	 * A new lead was stored (its instant response, if it has a sequence, is queued);
	 * {@code announced} false when staff are not to be alerted (a bulk CSV import).
	 */
	public record LeadCreated(Lead lead, boolean announced) {
	}

	/**
	 * A lead texted in (SPEC 5.3, 5.11); {@code newLead} when the sender was unknown;
	 * {@code keyword} says whether the text was an opt-out or opt-in keyword rather than
	 * a reply.
	 */
	public record LeadReplied(Lead lead, String body, boolean newLead, OptOuts.Keyword keyword) {
	}

	/**
	 * A lead's status changed (SPEC 4 {@code leads.status}): by staff (won, lost,
	 * reopened, a close undone; {@code changedBy} is who), by its reply, by its first
	 * text going out, or by its sequence's expiry ({@code changedBy} null).
	 */
	public record StatusChanged(Lead lead, LeadStatus previousStatus, UUID changedBy) {
	}

}
