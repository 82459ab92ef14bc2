package com.leadresponse.sms;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per-lead SMS limits of SPEC 5.5: at least the minimum interval between two texts
 * and at most the daily limit per business day. Checking and reserving are one
 * conditional UPDATE, so two senders, on any instances, can never both pass.
 */
@Component
class RateLimiter {

	/** The result of one reservation attempt. */
	sealed interface Reservation {

		record Granted(String phone) implements Reservation {
		}

		record Denied(String phone, Limit limit, String reason, Instant nextAllowedAt) implements Reservation {
		}

		record OptedOut(String phone) implements Reservation {
		}

		record NoSuchLead() implements Reservation {
		}

	}

	/** Which limit stopped a text; the tag of the blocked-sends metric. */
	enum Limit {

		TOO_SOON("too_soon"), DAILY_LIMIT("daily_limit");

		private final String tag;

		Limit(String tag) {
			this.tag = tag;
		}

		String tag() {
			return this.tag;
		}

	}

	/**
	 * How often a refused reservation is tried again when the lead's row, read after the
	 * refusal, no longer explains it (a concurrent opt-in or counter change in between).
	 */
	private static final int ATTEMPTS = 3;

	private final JdbcClient jdbc;

	RateLimiter(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Reserves a slot under the lead's limits, or says which limit (or the opt-out)
	 * refuses it and when the next text is allowed.
	 * @param zone the business zone, whose midnight ends the SMS day
	 * @param bypass an admin's explicit choice for a manual send; automatic sends never
	 */
	Reservation reserve(UUID leadId, Instant now, SmsLimits limits, ZoneId zone, boolean bypass) {
		Instant dayStart = startOfDay(now, zone);
		for (int attempt = 1;; attempt++) {
			Optional<String> granted = tryReserve(leadId, now, dayStart, limits, bypass);
			if (granted.isPresent()) {
				return new Reservation.Granted(granted.get());
			}
			Optional<Reservation> denial = this.jdbc
				.sql("""
						SELECT phone, opted_out_at, last_sms_at, sms_count_today, sms_count_reset_at FROM leads WHERE id = :id
						""")
				.param("id", leadId)
				.query((rs, row) -> denial(rs.getString("phone"), Timestamps.read(rs, "opted_out_at"),
						Timestamps.read(rs, "last_sms_at"), rs.getInt("sms_count_today"),
						Timestamps.read(rs, "sms_count_reset_at"), now, dayStart, limits, zone))
				.optional()
				.orElseGet(() -> Optional.<Reservation>of(new Reservation.NoSuchLead()));
			if (denial.isPresent() || attempt == ATTEMPTS) {
				return denial.orElseThrow(() -> new IllegalStateException(
						"SMS reservation for lead " + leadId + " refused without a reason " + ATTEMPTS + " times"));
			}
		}
	}

	/**
	 * Reserves a slot for each lead of a batch of automatic texts with one statement; the
	 * leads it refuses are asked one by one why, as {@link #reserve} does. The same
	 * conditional UPDATE as one lead's, so a staff text racing the batch for a lead waits
	 * for the row lock and re-checks, on any instance.
	 * @return each lead's reservation, in the order of {@code leadIds}
	 */
	Map<UUID, Reservation> reserveAll(List<UUID> leadIds, Instant now, SmsLimits limits, ZoneId zone) {
		Instant dayStart = startOfDay(now, zone);
		Map<UUID, String> granted = reserveRows(leadIds, now, dayStart, limits, false);
		Map<UUID, Reservation> reservations = new LinkedHashMap<>();
		for (UUID leadId : leadIds) {
			String phone = granted.get(leadId);
			reservations.put(leadId,
					(phone != null) ? new Reservation.Granted(phone) : reserve(leadId, now, limits, zone, false));
		}
		return reservations;
	}

	private Optional<String> tryReserve(UUID leadId, Instant now, Instant dayStart, SmsLimits limits, boolean bypass) {
		return Optional.ofNullable(reserveRows(List.of(leadId), now, dayStart, limits, bypass).get(leadId));
	}

	/**
	 * The one statement of SPEC 5.5 for one lead or a batch: check and reservation
	 * together; a concurrent sender waits for the row lock and then re-checks this WHERE
	 * against the committed row.
	 * @return the phone of each lead granted a slot
	 */
	private Map<UUID, String> reserveRows(List<UUID> leadIds, Instant now, Instant dayStart, SmsLimits limits,
			boolean bypass) {
		Map<UUID, String> granted = new HashMap<>();
		this.jdbc.sql("""
				UPDATE leads SET last_sms_at = :now, last_activity_at = :now,
				  sms_count_today = CASE WHEN sms_count_reset_at IS DISTINCT FROM :dayStart THEN 1
				                         ELSE sms_count_today + 1 END,
				  sms_count_reset_at = :dayStart
				WHERE id = ANY(CAST(:ids AS uuid[])) AND opted_out_at IS NULL
				  AND (:bypass OR ((last_sms_at IS NULL OR last_sms_at <= :intervalAgo)
				       AND (sms_count_reset_at IS DISTINCT FROM :dayStart OR sms_count_today < :dailyLimit)))
				RETURNING id, phone
				""")
			.param("ids", leadIds.toArray(UUID[]::new))
			.param("now", Timestamps.of(now))
			.param("dayStart", Timestamps.of(dayStart))
			.param("intervalAgo", Timestamps.of(now.minus(limits.minInterval())))
			.param("dailyLimit", limits.dailyLimit())
			.param("bypass", bypass)
			.query((rs, row) -> granted.put(rs.getObject("id", UUID.class), rs.getString("phone")))
			.list();
		return granted;
	}

	/**
	 * Why the lead's row refuses a text now; empty when it no longer refuses (the row
	 * changed after the refusal, so the reservation is tried again).
	 */
	private static Optional<Reservation> denial(String phone, Instant optedOutAt, Instant lastSmsAt, int countToday,
			Instant countDay, Instant now, Instant dayStart, SmsLimits limits, ZoneId zone) {
		if (optedOutAt != null) {
			return Optional.of(new Reservation.OptedOut(phone));
		}
		Instant afterInterval = (lastSmsAt != null) ? lastSmsAt.plus(limits.minInterval()) : now;
		if (dayStart.equals(countDay) && countToday >= limits.dailyLimit()) {
			Instant nextDay = startOfNextDay(now, zone);
			return Optional.of(new Reservation.Denied(phone, Limit.DAILY_LIMIT, dailyLimitReason(limits.dailyLimit()),
					afterInterval.isAfter(nextDay) ? afterInterval : nextDay));
		}
		if (afterInterval.isAfter(now)) {
			return Optional
				.of(new Reservation.Denied(phone, Limit.TOO_SOON, tooSoonReason(limits.minInterval()), afterInterval));
		}
		return Optional.empty();
	}

	/** SPEC 3's error text for a text too soon after the last one. */
	static String tooSoonReason(Duration interval) {
		return "Rate limit exceeded: Too soon since last SMS (min " + describe(interval) + ")";
	}

	/** SPEC 3's error text for a lead that had its texts for the day. */
	static String dailyLimitReason(int limit) {
		return "Rate limit exceeded: Daily limit reached (" + limit + " per day)";
	}

	private static String describe(Duration interval) {
		long seconds = interval.toSeconds();
		if (seconds % 60 == 0) {
			long minutes = seconds / 60;
			return minutes + ((minutes == 1) ? " minute" : " minutes");
		}
		return seconds + ((seconds == 1) ? " second" : " seconds");
	}

	/**
	 * The start of the business day holding {@code now}: the daily count resets at local
	 * midnight.
	 */
	static Instant startOfDay(Instant now, ZoneId zone) {
		return now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
	}

	static Instant startOfNextDay(Instant now, ZoneId zone) {
		ZonedDateTime local = now.atZone(zone);
		return local.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
	}

}
