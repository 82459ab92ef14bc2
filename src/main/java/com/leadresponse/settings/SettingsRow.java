package com.leadresponse.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one {@code settings} row as stored, column by column: each feature reads the
 * columns of its own settings through its {@link SettingsField}s, so no feature imports
 * the others' settings. A NULL column means "the configured default".
 */
public final class SettingsRow {

	private final Map<String, Object> columns;

	SettingsRow(Map<String, Object> columns) {
		this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
	}

	/** The stored value of a column, as the JDBC driver reads it; null when unset. */
	Object column(String name) {
		if (!this.columns.containsKey(name)) {
			throw new IllegalArgumentException("The settings table has no column " + name);
		}
		return this.columns.get(name);
	}

	/** The value of a field: stored, or its default. */
	public <T> T get(SettingsField<T> field) {
		return field.read(this);
	}

}
