package com.leadresponse.system;

/**
 * The rule for text that people and lead sources type: no NUL or other control character
 * (tab and line breaks are text). PostgreSQL cannot store NUL at all, and the others are
 * never typed by a person; such a value is refused naming its field, except in a text a
 * lead sent, which is kept with its NUL bytes taken out (SPEC 5.11: nothing inbound is
 * dropped).
 */
public final class ControlCharacters {

	private ControlCharacters() {
	}

	/** Whether the text holds a character no typed text may hold. */
	public static boolean in(String text) {
		return text != null && text.chars().anyMatch(ControlCharacters::control);
	}

	/** The text with its NUL bytes taken out. */
	public static String withoutNul(String text) {
		return (text != null && text.indexOf('\0') >= 0) ? text.replace("\0", "") : text;
	}

	/** The text with every control character taken out, to show a refused draft again. */
	public static String without(String text) {
		if (!in(text)) {
			return text;
		}
		StringBuilder kept = new StringBuilder(text.length());
		text.chars().filter((c) -> !control(c)).forEach((c) -> kept.append((char) c));
		return kept.toString();
	}

	private static boolean control(int c) {
		return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
	}

}
