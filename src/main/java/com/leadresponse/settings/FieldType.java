package com.leadresponse.settings;

import tools.jackson.databind.JsonNode;

/**
 * How one kind of setting is typed on the settings page, sent in the settings API, stored
 * in its column and shown: each conversion refuses a value that cannot be valid with a
 * sentence naming the problem. The same rules serve the page and the API.
 *
 * @param <T> the value as the product uses it
 */
public interface FieldType<T> {

	/** The value as typed in the settings page's input. */
	T fromForm(String typed, Context context) throws InvalidSettingException;

	/** The value as sent in {@code PATCH /api/settings}. */
	T fromJson(JsonNode value, Context context) throws InvalidSettingException;

	/** The value as bound to the column's SQL parameter. */
	Object toColumn(T value);

	/** The stored column's value (never null) as the product uses it. */
	T fromColumn(Object stored);

	/** The value in {@code GET /api/settings}. */
	Object toJson(T value);

	/** The value in the settings page's input. */
	String toForm(T value);

	/**
	 * Which input the settings page shows (a fragment of {@code settings/fields.html}).
	 */
	String input();

	/**
	 * The SQL that stores the bound parameter in the column (a cast for JSON columns).
	 */
	default String columnExpression(String parameter) {
		return ":" + parameter;
	}

	/**
	 * Whether this value in {@code PATCH /api/settings} leaves the stored one as it is: a
	 * write-only field's {@code GET} answer sent back unchanged.
	 */
	default boolean keepsStored(JsonNode value) {
		return false;
	}

	/** What a value is read against: the other values of the same change. */
	interface Context {

		/** The business country, as changed by this same save if it changes it. */
		String businessCountry();

	}

}
