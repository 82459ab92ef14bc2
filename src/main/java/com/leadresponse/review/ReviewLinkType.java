package com.leadresponse.review;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import com.leadresponse.settings.FieldType;
import com.leadresponse.settings.InvalidSettingException;
import tools.jackson.databind.JsonNode;

/**
 * The setting {@code reviewLink}: the page where a customer leaves a review (an http or
 * https address of at most 500 characters), or empty while the business has none, in
 * which case no review request goes.
 */
final class ReviewLinkType implements FieldType<String> {

	static final int MAX_LENGTH = 500;

	private static final String PROBLEM = "Enter the address of your review page, starting with https://, "
			+ "e.g. https://g.page/r/your-business/review (at most " + MAX_LENGTH + " characters).";

	@Override
	public String fromForm(String typed, Context context) throws InvalidSettingException {
		return read((typed != null) ? typed : "");
	}

	@Override
	public String fromJson(JsonNode value, Context context) throws InvalidSettingException {
		if (value == null || value.isNull()) {
			return "";
		}
		if (!value.isString()) {
			throw new InvalidSettingException(PROBLEM);
		}
		return read(value.asString());
	}

	private static String read(String typed) throws InvalidSettingException {
		String link = typed.strip();
		if (link.isEmpty()) {
			return "";
		}
		if (link.length() > MAX_LENGTH || link.chars().anyMatch((c) -> c <= 0x20 || c == 0x7f)) {
			throw new InvalidSettingException(PROBLEM);
		}
		try {
			URI uri = new URI(link);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((!scheme.equals("https") && !scheme.equals("http")) || uri.getHost() == null) {
				throw new InvalidSettingException(PROBLEM);
			}
		}
		catch (URISyntaxException ex) {
			throw new InvalidSettingException(PROBLEM);
		}
		return link;
	}

	@Override
	public Object toColumn(String value) {
		return value;
	}

	@Override
	public String fromColumn(Object stored) {
		return (String) stored;
	}

	@Override
	public Object toJson(String value) {
		return value;
	}

	@Override
	public String toForm(String value) {
		return value;
	}

	@Override
	public String input() {
		return "text";
	}

}
