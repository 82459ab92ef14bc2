package com.leadresponse.sequence;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.leadresponse.lead.Lead;
import com.leadresponse.settings.Settings;

/**
 * Fills a step's merge fields: {@code {firstName}}, {@code {name}},
 * {@code {businessName}}, {@code {source}}. An unknown field is left as typed, so a typo
 * shows in the preview.
 */
public final class MessageTemplates {

	private static final Pattern FIELD = Pattern.compile("\\{(\\w+)}");

	private MessageTemplates() {
	}

	public static String render(String template, Lead lead, Settings settings) {
		Map<String, String> values = Map.of("firstName", lead.firstName(), "name", lead.name(), "businessName",
				settings.businessName(), "source", (lead.source() != null) ? lead.source() : "");
		Matcher matcher = FIELD.matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = values.get(matcher.group(1));
			matcher.appendReplacement(out, Matcher.quoteReplacement((value != null) ? value : matcher.group()));
		}
		matcher.appendTail(out);
		return out.toString();
	}

}
