package com.leadresponse.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;
import com.leadresponse.system.Timestamps;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cap on automatic texts per hour (SPEC 3 {@code outboundHourlyCap}): every text the
 * product sends by itself (instant responses, follow-ups, and any later automatic kind)
 * takes one slot of the clock hour, counted in one row per hour across instances; staff
 * texts never do. With the hour's slots gone, an automatic text waits for the next hour
 * instead of being dropped, and the staff are alerted once for that hour: a lead source
 * turned into an SMS pump costs at most the cap.
 */
@Component
@Order(45)
class AutomaticTextCap implements PeriodicTask {

	/** How long the count of an hour is kept after it, for operators' questions. */
	private static final Duration KEPT = Duration.ofDays(2);

	private final JdbcClient jdbc;

	private final SmsSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AutomaticTextCap(JdbcClient jdbc, SmsSettings settings, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Takes a slot of this hour for one automatic text, in the caller's transaction, so a
	 * rolled-back send gives its slot back.
	 * @return empty when the text may go; else the start of the next hour, when it may
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Instant> reserve(Instant now) {
		Instant hour = now.truncatedTo(ChronoUnit.HOURS);
		int cap = this.settings.outboundHourlyCap();
		// SPEC 3 outboundHourlyCap: check and count in one statement on the hour's row.
		boolean reserved = this.jdbc.sql("""
				INSERT INTO automatic_text_hours AS h (hour_start, texts) VALUES (:hour, 1)
				ON CONFLICT (hour_start) DO UPDATE SET texts = h.texts + 1 WHERE h.texts < :cap
				RETURNING texts
				""").param("hour", Timestamps.of(hour)).param("cap", cap).query(Integer.class).optional().isPresent();
		if (reserved) {
			return Optional.empty();
		}
		Instant nextHour = hour.plus(Duration.ofHours(1));
		// The staff hear of a full hour once, whichever instance and send found it full.
		boolean firstToFindItFull = this.jdbc.sql("""
				UPDATE automatic_text_hours SET full_at = :now WHERE hour_start = :hour AND full_at IS NULL
				""").param("hour", Timestamps.of(hour)).param("now", Timestamps.of(now)).update() == 1;
		if (firstToFindItFull) {
			this.events.publishEvent(new SmsEvents.AutomaticTextsPaused(cap, nextHour));
		}
		return Optional.of(nextHour);
	}

	/**
	 * Takes up to {@code wanted} slots of this hour at once (a batch of follow-ups), in
	 * the caller's transaction: the hour's row is locked, so what one batch counts no
	 * other sender, on any instance, counts too. When fewer are left than wanted, the
	 * staff are told once that the hour is full, as {@link #reserve(Instant)} tells them.
	 * @return how many slots were taken, the first of the batch's texts to go
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	int reserveUpTo(Instant now, int wanted) {
		if (wanted == 1) {
			return reserve(now).isEmpty() ? 1 : 0;
		}
		Instant hour = now.truncatedTo(ChronoUnit.HOURS);
		int cap = this.settings.outboundHourlyCap();
		this.jdbc.sql("INSERT INTO automatic_text_hours (hour_start, texts) VALUES (:hour, 0) ON CONFLICT DO NOTHING")
			.param("hour", Timestamps.of(hour))
			.update();
		int taken = this.jdbc.sql("SELECT texts FROM automatic_text_hours WHERE hour_start = :hour FOR UPDATE")
			.param("hour", Timestamps.of(hour))
			.query(Integer.class)
			.single();
		int granted = Math.max(0, Math.min(wanted, cap - taken));
		if (granted > 0) {
			this.jdbc.sql("UPDATE automatic_text_hours SET texts = texts + :granted WHERE hour_start = :hour")
				.param("hour", Timestamps.of(hour))
				.param("granted", granted)
				.update();
		}
		if (granted < wanted) {
			boolean firstToFindItFull = this.jdbc.sql("""
					UPDATE automatic_text_hours SET full_at = :now WHERE hour_start = :hour AND full_at IS NULL
					""").param("hour", Timestamps.of(hour)).param("now", Timestamps.of(now)).update() == 1;
			if (firstToFindItFull) {
				this.events.publishEvent(new SmsEvents.AutomaticTextsPaused(cap, hour.plus(Duration.ofHours(1))));
			}
		}
		return granted;
	}

	/** When the hour holding {@code now} is over: a held automatic text waits for it. */
	static Instant nextHour(Instant now) {
		return now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
	}

	/**
	 * Gives back {@code count} slots {@link #reserveUpTo} took at {@code now} for texts
	 * that were then not queued.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void release(Instant now, int count) {
		if (count == 0) {
			return;
		}
		this.jdbc.sql("""
				UPDATE automatic_text_hours SET texts = GREATEST(texts - :count, 0) WHERE hour_start = :hour
				""").param("hour", Timestamps.of(now.truncatedTo(ChronoUnit.HOURS))).param("count", count).update();
	}

	/**
	 * Gives back the slot {@link #reserve(Instant)} took at {@code now} for a text that
	 * was then not queued (blocked by the lead's limits, opted out).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void release(Instant now) {
		Instant hour = now.truncatedTo(ChronoUnit.HOURS);
		this.jdbc.sql("UPDATE automatic_text_hours SET texts = texts - 1 WHERE hour_start = :hour AND texts > 0")
			.param("hour", Timestamps.of(hour))
			.update();
	}

	/** Removes the counts of hours long past. */
	@Override
	public void run(PassReport report) {
		this.jdbc.sql("DELETE FROM automatic_text_hours WHERE hour_start < :before")
			.param("before", Timestamps.of(this.clock.instant().minus(KEPT)))
			.update();
	}

}
