package com.leadresponse.lead;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one rule of searching leads by what staff type (SPEC 3 {@code q}, SPEC 6 inbox
 * search), used by the JSON API and the inbox alike: a fragment of the name, any case;
 * or, when the text holds at least three digits, those digits anywhere in the phone,
 * however they were typed ("(512) 555-01"). Fewer digits would match nearly every phone.
 * Both are answered by the trigram indexes of V5.
 */
public final class LeadSearch {

	/** Fewer digits than this are not looked for in phones. */
	static final int MIN_PHONE_DIGITS = 3;

	private final String condition;

	private final Map<String, Object> params;

	private LeadSearch(String condition, Map<String, Object> params) {
		this.condition = condition;
		this.params = params;
	}

	/**
	 * The search for {@code text} on the {@code leads} table under {@code alias}, or null
	 * for a blank text (no condition).
	 */
	public static LeadSearch of(String text, String alias) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String search = text.strip();
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("searchName", "%" + escapeLike(search) + "%");
		String digits = search.replaceAll("[^0-9]", "");
		String prefix = alias.isEmpty() ? "" : alias + ".";
		if (digits.length() < MIN_PHONE_DIGITS) {
			return new LeadSearch(prefix + "name ILIKE :searchName", params);
		}
		params.put("searchDigits", "%" + digits + "%");
		return new LeadSearch("(" + prefix + "name ILIKE :searchName OR " + prefix + "phone LIKE :searchDigits)",
				params);
	}

	/** The SQL condition, to be joined with AND. */
	public String condition() {
		return this.condition;
	}

	/** The condition's named parameters. */
	public Map<String, Object> params() {
		return this.params;
	}

	private static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
