package com.leadresponse.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Signatures the service gives out and checks again later, on any instance (a media link
 * Twilio fetches, the fill-time token of a web form): an HMAC-SHA256 with a named key in
 * {@code signing_keys}, made at random by the first instance that needs it and shared by
 * all.
 */
@Component
public class SigningKeys {

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

	SigningKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The URL-safe base64 HMAC-SHA256 of {@code message} with the named key. */
	public String sign(String keyName, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(keyName), "HmacSHA256"));
			byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether {@code signature} is the named key's signature of {@code message}. */
	public boolean verify(String keyName, String message, String signature) {
		return signature != null && MessageDigest.isEqual(sign(keyName, message).getBytes(StandardCharsets.US_ASCII),
				signature.getBytes(StandardCharsets.US_ASCII));
	}

	private byte[] key(String name) {
		return this.keys.computeIfAbsent(name, this::stored);
	}

	/** The shared key, made by the first instance that needs it. */
	private byte[] stored(String name) {
		byte[] fresh = new byte[32];
		new SecureRandom().nextBytes(fresh);
		this.jdbc.sql("""
				INSERT INTO signing_keys (name, secret, created_at) VALUES (:name, :secret, :now)
				ON CONFLICT (name) DO NOTHING
				""")
			.param("name", name)
			.param("secret", fresh)
			.param("now", Timestamps.of(this.clock.instant()))
			.update();
		return this.jdbc.sql("SELECT secret FROM signing_keys WHERE name = :name")
			.param("name", name)
			.query(byte[].class)
			.single();
	}

}
