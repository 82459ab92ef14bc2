package com.leadresponse.sms;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.leadresponse.system.Timestamps;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Consent (SPEC 5.7): Twilio's opt-out and opt-in keywords, and the per-number opt-out
 * that blocks every later send to every lead with that phone.
 */
@Component
public class OptOuts {

	/** SPEC 5.7's text of every send refused because the number opted out. */
	public static final String RECIPIENT_OPTED_OUT = "Recipient opted out";

	private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
			"REVOKE", "OPTOUT");

	private static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");

	/** A keyword's closing full stops and exclamation marks ("STOP!"). */
	private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.!]+$");

	/** What an inbound message says about consent. */
	public enum Keyword {

		OPT_OUT, OPT_IN, NONE

	}

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	OptOuts(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * Reads a keyword the way Twilio does: the whole message, trimmed, any case; or
	 * Twilio's {@code OptOutType}.
	 */
	public static Keyword keywordOf(String body, String optOutType) {
		if (optOutType != null) {
			String type = optOutType.trim().toUpperCase(Locale.ROOT);
			if ("STOP".equals(type)) {
				return Keyword.OPT_OUT;
			}
			if ("START".equals(type)) {
				return Keyword.OPT_IN;
			}
		}
		String word = (body != null) ? TRAILING_PUNCTUATION.matcher(body.trim()).replaceAll("").toUpperCase(Locale.ROOT)
				: "";
		if (OPT_OUT.contains(word)) {
			return Keyword.OPT_OUT;
		}
		if (OPT_IN.contains(word)) {
			return Keyword.OPT_IN;
		}
		return Keyword.NONE;
	}

	/**
	 * Opts the number out on every lead that has it; their sequences end with it (the
	 * event, in this transaction).
	 */
	public void optOut(String phone, Instant now) {
		this.jdbc.sql("UPDATE leads SET opted_out_at = COALESCE(opted_out_at, :now) WHERE phone = :phone")
			.param("phone", phone)
			.param("now", Timestamps.of(now))
			.update();
		this.events.publishEvent(new SmsEvents.OptedOut(phone));
	}

	/** Opts the number back in; the ended sequences stay ended (SPEC 5.7). */
	public void optIn(String phone) {
		this.jdbc.sql("UPDATE leads SET opted_out_at = NULL WHERE phone = :phone").param("phone", phone).update();
	}

}
