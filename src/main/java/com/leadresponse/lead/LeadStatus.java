package com.leadresponse.lead;

import java.util.Locale;

/** Where a lead stands (SPEC 4 {@code leads.status}); won and lost are closed. */
public enum LeadStatus {

	NEW, CONTACTED, REPLIED, WON, LOST;

	public String dbValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public boolean isClosed() {
		return this == WON || this == LOST;
	}

	public static LeadStatus fromDb(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
