package com.leadresponse.forms;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.leadresponse.system.SigningKeys;

import org.springframework.stereotype.Component;

/**
 * The fill-time token a form's page carries in a hidden field: when the page was shown,
 * signed by the service with the form's slug, so a post proves it came from a form this
 * service showed, and when. A post without it, with a changed time or another form's
 * token, is refused. It needs no cookie, so it works in a framed form in a site whose
 * browser blocks third-party cookies.
 */
@Component
class FormTokens {

	private static final String KEY_NAME = "web-form-tokens";

	private final SigningKeys keys;

	private final Clock clock;

	FormTokens(SigningKeys keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	/** A token for the form shown now. */
	String issue(String slug) {
		long shownAt = this.clock.millis();
		return shownAt + "." + this.keys.sign(KEY_NAME, slug + "." + shownAt);
	}

	/** When the form with this token was shown; empty when the token is not ours. */
	Optional<Instant> shownAt(String slug, String token) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		int dot = token.indexOf('.');
		if (dot <= 0) {
			return Optional.empty();
		}
		long shownAt;
		try {
			shownAt = Long.parseLong(token.substring(0, dot));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		if (!this.keys.verify(KEY_NAME, slug + "." + shownAt, token.substring(dot + 1))) {
			return Optional.empty();
		}
		return Optional.of(Instant.ofEpochMilli(shownAt));
	}

}
