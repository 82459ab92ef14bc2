package com.leadresponse.settings;

/** What a staff account may do: admins also manage settings and may bypass SMS limits. */
public enum StaffRole {

	ADMIN, AGENT;

	public String dbValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	public static StaffRole fromDb(String value) {
		return valueOf(value.toUpperCase(java.util.Locale.ROOT));
	}

}
