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

	/**
	 * Staff changed a lead's status, from {@code from} to the lead's status now (closed
	 * as won or lost, reopened, or a close undone).
	 */
	public record StatusChanged(Lead lead, LeadStatus from) {
	}

	/** A lead texted in (SPEC 5.3, 5.11); {@code newLead} when the sender was unknown. */
	public record LeadReplied(Lead lead, String body, boolean newLead) {
	}

}
