package com.leadresponse.sms;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Texts with merge fields ({@code {firstName}}, {@code {businessName}}, ...): filled for
 * the lead they go to, and checked when staff save them, so a typo such as
 * {@code {firstname}} never reaches a customer. A field without a value is left as typed.
 */
public final class MessageTemplates {

	/** The fields every text to a lead may use. */
	public static final List<String> LEAD_FIELDS = List.of("firstName", "name", "businessName", "source");

	private static final Pattern FIELD = Pattern.compile("\\{(\\w+)}");

	private MessageTemplates() {
	}

	/** Fills the merge fields the values name. */
	public static String render(String template, Map<String, String> values) {
		Matcher matcher = FIELD.matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			matcher.appendReplacement(out, Matcher.quoteReplacement((value != null) ? value : matcher.group()));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/** The values of {@link #LEAD_FIELDS} for one lead. */
	public static Map<String, String> leadValues(String name, String source, String businessName) {
		return Map.of("firstName", firstName(name), "name", name, "businessName", businessName, "source",
				(source != null) ? source : "");
	}

	/** The first word of a name, for "Hi Maria". */
	public static String firstName(String name) {
		String trimmed = name.trim();
		int space = trimmed.indexOf(' ');
		return (space > 0) ? trimmed.substring(0, space) : trimmed;
	}

	/**
	 * The sentence refusing a template whose merge fields are not all among
	 * {@code known}, naming them and the known ones; null when it has none other.
	 */
	public static String unknownFieldsProblem(String template, Collection<String> known) {
		Set<String> unknown = unknownFields(template, known);
		if (unknown.isEmpty()) {
			return null;
		}
		return "Unknown merge field" + ((unknown.size() == 1) ? " " : "s ") + String.join(", ", unknown) + ". Use "
				+ String.join(", ", known.stream().map((f) -> "{" + f + "}").toList()) + ".";
	}

	/**
	 * SPEC 6: a merge field the product does not know is refused on save (sequence steps,
	 * quick replies), naming it and the ones it knows.
	 */
	public static String unknownFieldsProblem(Set<String> unknown) {
		return "Unknown merge field" + ((unknown.size() == 1) ? " " : "s ") + String.join(", ", unknown)
				+ ": it would reach the lead as typed. Use "
				+ LEAD_FIELDS.stream().map((f) -> "{" + f + "}").collect(Collectors.joining(", ")) + ".";
	}

	/** The merge fields a template uses that are not among {@code known}, in order. */
	public static Set<String> unknownFields(String template, Collection<String> known) {
		Set<String> unknown = new LinkedHashSet<>();
		Matcher matcher = FIELD.matcher(template);
		while (matcher.find()) {
			if (!known.contains(matcher.group(1))) {
				unknown.add("{" + matcher.group(1) + "}");
			}
		}
		return unknown;
	}

}
