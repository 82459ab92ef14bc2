package com.leadresponse.lead;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Reads phone numbers as typed by people and lead sources (with libphonenumber), national
 * numbers in the business country, and answers them in E.164, or nothing when the number
 * cannot take SMS.
 */
public final class PhoneNumbers {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	private PhoneNumbers() {
	}

	/** The number in E.164 when it is valid and may be a mobile; empty otherwise. */
	public static Optional<String> toSmsCapableE164(String raw, String defaultRegion) {
		if (raw == null || raw.isBlank() || raw.length() > 40) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = UTIL.parse(raw.trim(), defaultRegion);
			if (!UTIL.isValidNumber(number)) {
				return Optional.empty();
			}
			PhoneNumberType type = UTIL.getNumberType(number);
			boolean smsCapable = switch (type) {
				case MOBILE, FIXED_LINE_OR_MOBILE, VOIP, PERSONAL_NUMBER, UNKNOWN -> true;
				default -> false;
			};
			return smsCapable ? Optional.of(UTIL.format(number, PhoneNumberFormat.E164)) : Optional.empty();
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The number in E.164 when it is a valid number of any type (a caller's landline
	 * too); empty for a withheld or unreadable one, as Twilio sends for a caller without
	 * caller ID ({@code Anonymous}, {@code +266696687}).
	 */
	public static Optional<String> toValidE164(String raw, String defaultRegion) {
		if (raw == null || raw.isBlank() || raw.length() > 40) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = UTIL.parse(raw.trim(), defaultRegion);
			return UTIL.isValidNumber(number) ? Optional.of(UTIL.format(number, PhoneNumberFormat.E164))
					: Optional.empty();
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * A number as Twilio sends it ({@code From}), normalised to E.164 where it parses.
	 */
	public static String normalise(String e164OrRaw, String defaultRegion) {
		try {
			return UTIL.format(UTIL.parse(e164OrRaw.trim(), defaultRegion), PhoneNumberFormat.E164);
		}
		catch (NumberParseException ex) {
			return e164OrRaw.trim();
		}
	}

}
