package com.leadresponse.forms;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.leadresponse.system.AppProperties;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The web forms' spam protection without a third party (SPEC 9), checked before anything
 * is stored: the post comes from an allowed site, its address has posts left this hour,
 * it carries the signed token of a form this service showed, its honeypot is empty, and a
 * person had time to fill it. A refused post stores nothing and is told why in plain
 * words.
 */
@Component
class FormGuard {

	private static final Logger log = LoggerFactory.getLogger(FormGuard.class);

	/** A form left open longer than this is shown again rather than trusted. */
	static final Duration TOKEN_VALIDITY = Duration.ofHours(24);

	/** Clocks of instances may differ a little; a token from further ahead is forged. */
	private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

	/** Why a post was refused: its status and the sentence for the person. */
	record Refusal(HttpStatus status, String message, Long retryAfterSeconds) {
	}

	private final FormTokens tokens;

	private final FormPostLimit limit;

	private final FormSettings settings;

	private final AppProperties app;

	private final Clock clock;

	FormGuard(FormTokens tokens, FormPostLimit limit, FormSettings settings, AppProperties app, Clock clock) {
		this.tokens = tokens;
		this.limit = limit;
		this.settings = settings;
		this.app = app;
		this.clock = clock;
	}

	Optional<Refusal> check(WebForm form, FormPost post, HttpServletRequest request) {
		String origin = request.getHeader("Origin");
		if (origin != null && !allowedOrigin(origin, request)) {
			log.info("Refused a post of web form {} from a site that may not embed it (Origin {})", form.slug(),
					printable(origin));
			return refuse(HttpStatus.FORBIDDEN, "This form cannot be sent from this website. "
					+ "Please use the form on our own site, or call or text us.");
		}
		if (!this.limit.admit(request.getRemoteAddr())) {
			long wait = Math.max(1, Duration.between(this.clock.instant(), this.limit.nextHour()).toSeconds());
			log.info("Refused a post of web form {}: address {} used its posts of this hour", form.slug(),
					request.getRemoteAddr());
			return Optional.of(new Refusal(HttpStatus.TOO_MANY_REQUESTS,
					"Too many requests were sent from your network. Please try again later, or call or text us.",
					wait));
		}
		Optional<Instant> shownAt = this.tokens.shownAt(form.slug(), post.token());
		Instant now = this.clock.instant();
		if (shownAt.isEmpty() || shownAt.get().isAfter(now.plus(CLOCK_SKEW))) {
			log.info("Refused a post of web form {}: no valid form token (not sent from the form's page)", form.slug());
			return refuse(HttpStatus.BAD_REQUEST,
					"This request did not come from our form. Please open the form again and send it from there.");
		}
		if (shownAt.get().plus(TOKEN_VALIDITY).isBefore(now)) {
			return refuse(HttpStatus.BAD_REQUEST,
					"This form was opened too long ago. Please open it again and send your request.");
		}
		if (!post.honeypot().isEmpty()) {
			log.info("Refused a post of web form {}: its hidden honeypot field was filled", form.slug());
			return refuse(HttpStatus.BAD_REQUEST,
					"Your request looked automated and was not sent. Please call or text us instead.");
		}
		if (shownAt.get().plusSeconds(this.settings.minFillSeconds()).isAfter(now)) {
			log.info("Refused a post of web form {}: sent sooner than a person can fill it", form.slug());
			return refuse(HttpStatus.BAD_REQUEST,
					"That was sent faster than a person can fill in the form. Please go back, wait a moment and send it again.");
		}
		return Optional.empty();
	}

	private static Optional<Refusal> refuse(HttpStatus status, String message) {
		return Optional.of(new Refusal(status, message, null));
	}

	/**
	 * The service's own pages (the hosted form, and the form framed in an allowed site,
	 * whose posts come from the frame, this origin) and the allowed sites (a form of the
	 * business's own that posts here). {@code Origin: null} (a sandboxed or privacy
	 * context) is no site at all and refused.
	 */
	private boolean allowedOrigin(String origin, HttpServletRequest request) {
		String normalized = normalize(origin);
		if (normalized == null) {
			return false;
		}
		if (normalized.equals(normalize(this.app.publicUrl().toString())) || sameHost(normalized, request)) {
			return true;
		}
		return this.settings.allowedOrigins().contains(normalized);
	}

	/** The page was served by this host under another name than APP_PUBLIC_URL. */
	private static boolean sameHost(String origin, HttpServletRequest request) {
		String host = request.getHeader("Host");
		return host != null && origin.substring(origin.indexOf("://") + 3).equals(host.toLowerCase(Locale.ROOT))
				&& "same-origin".equals(request.getHeader("Sec-Fetch-Site"));
	}

	/** scheme://host[:port] in lower case, or null when it is not a web origin. */
	static String normalize(String origin) {
		try {
			URI uri = new URI(origin.strip());
			if (uri.getScheme() == null || uri.getHost() == null) {
				return null;
			}
			return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
					+ ((uri.getPort() >= 0) ? ":" + uri.getPort() : "");
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/** A header as it may go into a log line: printable, short. */
	private static String printable(String value) {
		String kept = value.replaceAll("[^\\x20-\\x7e]", "?");
		return (kept.length() > 100) ? kept.substring(0, 100) + "…" : kept;
	}

}
