package com.leadresponse.media;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.leadresponse.system.AppProperties;
import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Links to a medium that work without a login until they expire (SPEC 10: Twilio fetches
 * staff's photos itself): {@code {APP_PUBLIC_URL}/media/{id}?expires=...&signature=...},
 * an HMAC-SHA256 of the id and the expiry with a key every instance shares. A link whose
 * id or expiry was changed, or that has expired, is refused.
 */
@Component
class MediaLinks {

	/** Long enough for Twilio to fetch the media of a text that waited in its queue. */
	static final Duration VALIDITY = Duration.ofHours(4);

	private static final String KEY_NAME = "media-links";

	private final JdbcClient jdbc;

	private final AppProperties app;

	private final Clock clock;

	private volatile byte[] key;

	MediaLinks(JdbcClient jdbc, AppProperties app, Clock clock) {
		this.jdbc = jdbc;
		this.app = app;
		this.clock = clock;
	}

	URI signed(UUID mediaId) {
		long expires = this.clock.instant().plus(VALIDITY).getEpochSecond();
		return URI.create(this.app
			.urlOf("/media/" + mediaId + "?expires=" + expires + "&signature=" + signature(mediaId, expires)));
	}

	/** Whether the link's signature matches its id and expiry, and it has not expired. */
	boolean valid(UUID mediaId, String expires, String signature) {
		long expiresAt;
		try {
			expiresAt = Long.parseLong(expires);
		}
		catch (NumberFormatException | NullPointerException ex) {
			return false;
		}
		boolean matches = MessageDigest.isEqual(signature(mediaId, expiresAt).getBytes(StandardCharsets.US_ASCII),
				(signature != null) ? signature.getBytes(StandardCharsets.US_ASCII) : new byte[0]);
		return matches && this.clock.instant().isBefore(Instant.ofEpochSecond(expiresAt));
	}

	private String signature(UUID mediaId, long expires) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			byte[] digest = mac.doFinal((mediaId + "." + expires).getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The shared key, made by the first instance that needs it. */
	private byte[] key() {
		byte[] current = this.key;
		if (current == null) {
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			this.jdbc.sql("""
					INSERT INTO signing_keys (name, secret, created_at) VALUES (:name, :secret, :now)
					ON CONFLICT (name) DO NOTHING
					""")
				.param("name", KEY_NAME)
				.param("secret", fresh)
				.param("now", Timestamps.of(this.clock.instant()))
				.update();
			current = this.jdbc.sql("SELECT secret FROM signing_keys WHERE name = :name")
				.param("name", KEY_NAME)
				.query(byte[].class)
				.single();
			this.key = current;
		}
		return current;
	}

}
