package com.leadresponse.lead;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
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

	/** An SMS-capable number in E.164, with the region it belongs to (ISO 3166 code). */
	public record SmsNumber(String e164, String region) {
	}

	/** The number in E.164 when it is valid and may be a mobile; empty otherwise. */
	public static Optional<String> toSmsCapableE164(String raw, String defaultRegion) {
		return toSmsCapable(raw, defaultRegion).map(SmsNumber::e164);
	}

	/**
	 * The number and its region when it is valid and may be a mobile; empty otherwise.
	 * One parse and one type lookup: a number is valid exactly when libphonenumber finds
	 * it a type ({@code isValidNumber} is {@code getNumberType != UNKNOWN} for the
	 * number's own region), and matching a +1 number against the regions that share the
	 * code is most of what reading it costs.
	 */
	public static Optional<SmsNumber> toSmsCapable(String raw, String defaultRegion) {
		if (raw == null || raw.isBlank() || raw.length() > 40) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = UTIL.parse(raw.trim(), defaultRegion);
			boolean smsCapable = switch (UTIL.getNumberType(number)) {
				case MOBILE, FIXED_LINE_OR_MOBILE, VOIP, PERSONAL_NUMBER -> true;
				default -> false;
			};
			if (!smsCapable) {
				return Optional.empty();
			}
			String e164 = UTIL.format(number, PhoneNumberFormat.E164);
			return Optional.of(new SmsNumber(e164, UTIL.getRegionCodeForNumber(number)));
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
