package com.leadresponse.calls;

import com.leadresponse.lead.Lead;

/** What happens to calls, published inside the transaction that made it happen. */
public final class CallEvents {

	private CallEvents() {
	}

	/**
	 * Nobody answered a call (SPEC 8); {@code lead} is null for a caller without caller
	 * ID.
	 */
	public record CallMissed(Lead lead, Call call) {
	}

}
