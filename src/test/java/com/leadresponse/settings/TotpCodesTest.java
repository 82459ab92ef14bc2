package com.leadresponse.settings;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import com.leadresponse.support.MutableClock;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TOTP codes of two-factor sign-in against RFC 6238's own test vectors (Appendix B,
 * HMAC-SHA1, the 20-byte seed "12345678901234567890", 8 digits, 30 s steps), read at the
 * moments of a settable clock.
 */
class TotpCodesTest {

	private static final String RFC_SEED = new Base32()
		.encodeToString("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

	private final TwoFactorProperties eightDigits = new TwoFactorProperties("Lead Response", 8, Duration.ofSeconds(30),
			1, 10);

	private final TotpCodes codes = new TotpCodes(this.eightDigits);

	private final MutableClock clock = new MutableClock(Instant.EPOCH);

	@ParameterizedTest(name = "{0} s: {1}")
	@CsvSource({ "59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
			"2000000000, 69279037", "20000000000, 65353130" })
	void codeOfEachRfc6238TestVectorIsAcceptedForItsTimeStep(long seconds, String code) {
		this.clock.set(Instant.ofEpochSecond(seconds));

		assertThat(this.codes.stepOf(RFC_SEED, code, this.clock.instant())).hasValue(seconds / 30);
	}

	@ParameterizedTest(name = "{0} s: {1}")
	@CsvSource({ "59, 94287082", "1111111109, 07081804", "2000000000, 69279037" })
	void codeOfATestVectorIsRefusedTwoStepsLaterAndAWrongCodeNever(long seconds, String code) {
		this.clock.set(Instant.ofEpochSecond(seconds).plus(Duration.ofSeconds(60)));

		assertThat(this.codes.stepOf(RFC_SEED, code, this.clock.instant())).isEmpty();
		this.clock.set(Instant.ofEpochSecond(seconds));
		String wrong = String.valueOf((Long.parseLong(code) + 1) % 100_000_000);
		assertThat(this.codes.stepOf(RFC_SEED, "0".repeat(8 - wrong.length()) + wrong, this.clock.instant())).isEmpty();
	}

	@ParameterizedTest(name = "{0} s: {1}")
	@CsvSource({ "59, 94287082", "1111111111, 14050471" })
	void codeOfTheStepBeforeIsAcceptedForAPhoneWhoseClockIsALittleBehind(long seconds, String code) {
		this.clock.set(Instant.ofEpochSecond(seconds).plus(Duration.ofSeconds(30)));

		assertThat(this.codes.stepOf(RFC_SEED, code, this.clock.instant())).hasValue(seconds / 30);
	}

}
