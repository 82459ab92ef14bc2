package com.leadresponse.calls;

import java.util.Locale;

/**
 * Where a call stands (SPEC 8 {@code calls.status}): ringing the staff (and, once
 * answered, talking) until its {@code <Dial>} ends; then answered or missed.
 */
public enum CallStatus {

	RINGING, ANSWERED, MISSED;

	public String dbValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static CallStatus fromDb(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
