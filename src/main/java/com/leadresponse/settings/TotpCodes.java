package com.leadresponse.settings;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.commons.codec.binary.Base32;

import org.springframework.stereotype.Component;

/**
 * TOTP codes (RFC 6238) with java-otp: the secrets an authenticator app is given (160
 * random bits in Base32, shown as text and as a QR code of its {@code otpauth://} URI),
 * and which time step a code typed now belongs to.
 */
@Component
class TotpCodes {

	private static final String ALGORITHM = "HmacSHA1";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final TwoFactorProperties properties;

	private final TimeBasedOneTimePasswordGenerator generator;

	TotpCodes(TwoFactorProperties properties) {
		this.properties = properties;
		this.generator = new TimeBasedOneTimePasswordGenerator(properties.period(), properties.digits(), ALGORITHM);
	}

	/** A new secret, in Base32 as authenticator apps take it. */
	String newSecret() {
		byte[] key = new byte[20];
		RANDOM.nextBytes(key);
		return new Base32().encodeToString(key).replace("=", "");
	}

	/**
	 * The time step of {@code code} for this secret at {@code now}: now's, or one of the
	 * allowed steps around it; empty when the code belongs to none.
	 */
	OptionalLong stepOf(String secret, String code, Instant now) {
		String typed = code.replace(" ", "");
		if (typed.length() != this.properties.digits() || !typed.chars().allMatch(Character::isDigit)) {
			return OptionalLong.empty();
		}
		SecretKeySpec key = new SecretKeySpec(new Base32().decode(secret), ALGORITHM);
		long step = now.getEpochSecond() / this.properties.period().toSeconds();
		// Nearest steps first: a code of now is not taken for a neighbour's.
		for (int i = 0; i <= this.properties.allowedSteps(); i++) {
			for (long candidate : (i == 0) ? new long[] { step } : new long[] { step - i, step + i }) {
				if (matches(key, typed, candidate)) {
					return OptionalLong.of(candidate);
				}
			}
		}
		return OptionalLong.empty();
	}

	private boolean matches(SecretKeySpec key, String typed, long step) {
		try {
			String expected = this.generator.generateOneTimePasswordString(key,
					Instant.ofEpochSecond(step * this.properties.period().toSeconds()));
			return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
					typed.getBytes(StandardCharsets.US_ASCII));
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What the QR code holds (Google Authenticator's key URI format). */
	String keyUri(String secret, String email) {
		String label = encode(this.properties.issuer() + ":" + email);
		return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(this.properties.issuer())
				+ "&algorithm=SHA1&digits=" + this.properties.digits() + "&period="
				+ this.properties.period().toSeconds();
	}

	/**
	 * The QR code of {@code text} as an SVG image in a {@code data:} URI, for an
	 * {@code <img>} the pages' Content Security Policy allows.
	 */
	static String qrCode(String text) {
		Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
		hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
		hints.put(EncodeHintType.MARGIN, 4);
		BitMatrix matrix;
		try {
			matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
		}
		catch (WriterException ex) {
			throw new IllegalStateException(ex);
		}
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < matrix.getHeight(); y++) {
			for (int x = 0; x < matrix.getWidth(); x++) {
				if (matrix.get(x, y)) {
					path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
				}
			}
		}
		String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + matrix.getWidth() + " "
				+ matrix.getHeight() + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" "
				+ "fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
		return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
