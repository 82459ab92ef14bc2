package com.leadresponse.media;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.leadresponse.system.AppProperties;
import com.leadresponse.system.SigningKeys;

import org.springframework.stereotype.Component;

/**
 * Links to a medium that work without a login until they expire (SPEC 10: Twilio fetches
 * staff's photos itself): {@code {APP_PUBLIC_URL}/media/{id}?expires=...&signature=...},
 * an HMAC-SHA256 of the id and the expiry with a key every instance shares
 * ({@link SigningKeys}). A link whose id or expiry was changed, or that has expired, is
 * refused.
 */
@Component
class MediaLinks {

	/** Long enough for Twilio to fetch the media of a text that waited in its queue. */
	static final Duration VALIDITY = Duration.ofHours(4);

	private static final String KEY_NAME = "media-links";

	private final SigningKeys keys;

	private final AppProperties app;

	private final Clock clock;

	MediaLinks(SigningKeys keys, AppProperties app, Clock clock) {
		this.keys = keys;
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
		return this.keys.sign(KEY_NAME, mediaId + "." + expires);
	}

}
