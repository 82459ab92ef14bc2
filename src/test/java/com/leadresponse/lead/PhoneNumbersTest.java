package com.leadresponse.lead;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an intake reads a typed phone: SMS-capable or not, in E.164, with its region, read
 * in one pass where it took libphonenumber's {@code isValidNumber}, {@code getNumberType}
 * and a second parse for the region.
 */
class PhoneNumbersTest {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	@Test
	void aNationalNumberIsReadInTheBusinessCountryAndKeepsItsRegion() {
		assertThat(PhoneNumbers.toSmsCapable("(512) 555-0134", "US"))
			.contains(new PhoneNumbers.SmsNumber("+15125550134", "US"));
		assertThat(PhoneNumbers.toSmsCapable("+1 416 555 0123", "US"))
			.contains(new PhoneNumbers.SmsNumber("+14165550123", "CA"));
		assertThat(PhoneNumbers.toSmsCapable("07400 123456", "GB"))
			.contains(new PhoneNumbers.SmsNumber("+447400123456", "GB"));
	}

	@Test
	void numbersThatCannotTakeATextAreRefused() {
		// A London landline, a US toll-free number, too few digits, letters, too long.
		assertThat(PhoneNumbers.toSmsCapable("+442079460018", "US")).isEmpty();
		assertThat(PhoneNumbers.toSmsCapable("+18005550142", "US")).isEmpty();
		assertThat(PhoneNumbers.toSmsCapable("555-0134", "US")).isEmpty();
		assertThat(PhoneNumbers.toSmsCapable("call me", "US")).isEmpty();
		assertThat(PhoneNumbers.toSmsCapable("5".repeat(41), "US")).isEmpty();
		assertThat(PhoneNumbers.toSmsCapable("  ", "US")).isEmpty();
		assertThat(PhoneNumbers.toSmsCapable(null, "US")).isEmpty();
	}

	/**
	 * The one-pass reading answers what the three calls it replaced answered, for valid,
	 * invalid, shared-code (+1), non-geographic and other countries' numbers.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "+15125550134", "+12125550199", "+14165550123", "+18095550100", "+16715550100",
			"+19005550100", "+18885550100", "+15005550006", "+1512555013", "+1234567890", "+447400123456",
			"+442079460018", "+448001234567", "+4915123456789", "+493012345678", "+61412345678", "+33612345678",
			"+8613812345678", "+882355000000", "+80012345678", "+999123", "512-555-0134", "1 (512) 555-0134",
			"00447400123456", "+52 1 55 1234 5678", "+5215512345678", "+9190000000000", "+3912345678",
			"+390612345678" })
	void readsAsIsValidNumberAndGetNumberTypeDid(String typed) {
		assertThat(PhoneNumbers.toSmsCapable(typed, "US")).isEqualTo(asBefore(typed, "US"));
	}

	/** What the intake answered before: valid, a type that can take SMS, the region. */
	private static Optional<PhoneNumbers.SmsNumber> asBefore(String typed, String defaultRegion) {
		try {
			PhoneNumber number = UTIL.parse(typed.trim(), defaultRegion);
			if (!UTIL.isValidNumber(number)) {
				return Optional.empty();
			}
			boolean smsCapable = switch (UTIL.getNumberType(number)) {
				case MOBILE, FIXED_LINE_OR_MOBILE, VOIP, PERSONAL_NUMBER, UNKNOWN -> true;
				default -> false;
			};
			if (!smsCapable) {
				return Optional.empty();
			}
			String e164 = UTIL.format(number, PhoneNumberFormat.E164);
			return Optional.of(new PhoneNumbers.SmsNumber(e164, UTIL.getRegionCodeForNumber(UTIL.parse(e164, null))));
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

}
