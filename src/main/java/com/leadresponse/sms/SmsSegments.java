package com.leadresponse.sms;

import java.util.Locale;

/**
 * How many SMS segments a text costs (GSM 03.38): GSM-7 fits 160 characters in one
 * segment and 153 per segment of a longer text; one character outside GSM-7 makes the
 * whole text UCS-2, at 70 and 67. Mirrored by the composer's live counter
 * ({@code static/js/segments.js}).
 */
public final class SmsSegments {

	/** The GSM-7 basic character set, one septet each. */
	static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	/** The GSM-7 extension table, two septets each (escape + character). */
	static final String GSM_EXTENDED = "^{}\\[~]|€\f";

	private SmsSegments() {
	}

	/**
	 * A text's cost.
	 *
	 * @param encoding {@code GSM-7} or {@code UCS-2}
	 * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
	 * @param forcingUcs2 the first character outside GSM-7, or null
	 */
	public record Count(String encoding, int units, int segments, String forcingUcs2) {

		public boolean ucs2() {
			return this.forcingUcs2 != null;
		}

		/**
		 * How the composer's counter reads: "72/160 · 1 SMS · GSM-7", or with the
		 * character that forces UCS-2.
		 */
		public String summary() {
			int capacity = (this.segments <= 1) ? (ucs2() ? 70 : 160) : this.segments * (ucs2() ? 67 : 153);
			return this.units + "/" + capacity + " · " + this.segments + " SMS · "
					+ (ucs2() ? "UCS-2 because of " + forcingDescription() : "GSM-7");
		}

		/**
		 * The character that forces UCS-2 with its code point, e.g. {@code “’” (U+2019)}.
		 */
		public String forcingDescription() {
			if (this.forcingUcs2 == null) {
				return null;
			}
			return "“" + this.forcingUcs2 + "” (U+"
					+ String.format(Locale.ROOT, "%04X", this.forcingUcs2.codePointAt(0)) + ")";
		}

	}

	public static Count count(String text) {
		String body = (text != null) ? text : "";
		int septets = 0;
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (GSM_BASIC.indexOf(c) >= 0) {
				septets++;
			}
			else if (GSM_EXTENDED.indexOf(c) >= 0) {
				septets += 2;
			}
			else {
				String forcing = new String(Character.toChars(body.codePointAt(i)));
				int units = body.length();
				return new Count("UCS-2", units, segments(units, 70, 67), forcing);
			}
		}
		return new Count("GSM-7", septets, segments(septets, 160, 153), null);
	}

	private static int segments(int units, int single, int perPart) {
		if (units == 0) {
			return 0;
		}
		return (units <= single) ? 1 : (units + perPart - 1) / perPart;
	}

}
