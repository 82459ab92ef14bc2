package com.leadresponse.lead;

import com.leadresponse.settings.Settings;

/** What happens to leads, published inside the transaction that made it happen. */
public final class LeadEvents {

	private LeadEvents() {
	}

	/** A new lead was stored; its sequence (if it has one) starts now. */
	public record LeadCreated(Lead lead, Settings settings) {
	}

	/** A lead texted in (SPEC 5.3, 5.11); {@code newLead} when the sender was unknown. */
	public record LeadReplied(Lead lead, String body, boolean newLead) {
	}

}
