package com.leadresponse.lead;

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

	/** A lead texted in (SPEC 5.3, 5.11); {@code newLead} when the sender was unknown. */
	public record LeadReplied(Lead lead, String body, boolean newLead) {
	}

}
