package com.leadresponse.support;

import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

/**
 * What a staff member's authenticator app shows (RFC 6238: 6 digits, HMAC-SHA1, 30 s),
 * computed from the key the setup page gives, at a moment of the test's clock.
 */
public final class AuthenticatorApp {

	private static final TimeBasedOneTimePasswordGenerator TOTP = new TimeBasedOneTimePasswordGenerator(
			Duration.ofSeconds(30), 6, "HmacSHA1");

	private AuthenticatorApp() {
	}

	/**
	 * The code for the Base32 {@code key} (spaces allowed, as the page groups it) at
	 * {@code at}.
	 */
	public static String code(String key, Instant at) {
		try {
			return TOTP.generateOneTimePasswordString(
					new SecretKeySpec(new Base32().decode(key.replace(" ", "")), "HmacSHA1"), at);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
