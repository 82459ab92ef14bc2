package com.leadresponse.lead;

/** What happens to leads, published inside the transaction that made it happen. */
public final class LeadEvents {

	private LeadEvents() {
	}

	/** A new lead was stored (its instant response, if it has a sequence, is queued). */
	public record LeadCreated(Lead lead) {
	}

	/** A lead texted in (SPEC 5.3, 5.11); {@code newLead} when the sender was unknown. */
	public record LeadReplied(Lead lead, String body, boolean newLead) {
	}

}
