package com.leadresponse.sms;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.leadresponse.support.TestDatabase;
import com.leadresponse.system.Timestamps;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property-based tests of the SMS rate limit (SPEC 5.5): the real {@link RateLimiter},
 * its SQL running on PostgreSQL, decides every generated sequence of attempts exactly as
 * a reference model written from the rule itself: a text is allowed when the last one
 * went out at least 60 s ago and fewer than five went out on the same local date in
 * America/Chicago. Attempts cluster around local midnight, the two daylight-saving
 * changes of 2026 and the 60 s boundary.
 *
 * <p>
 * Each run draws the same scenarios from a fixed seed, so a failure is reproducible; set
 * {@code -Drate-limit.seed=...} to explore other ones. A failing scenario is shrunk to
 * the fewest attempts that still disagree before it is reported.
 */
class RateLimiterPropertyTest {

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	private static final Duration INTERVAL = Duration.ofSeconds(60);

	private static final int DAILY_LIMIT = 5;

	private static final SmsLimits LIMITS = new SmsLimits(INTERVAL, DAILY_LIMIT);

	private static final int TRIES = 200;

	/**
	 * Instants the scenarios start near: local midnights before, on and after each
	 * daylight-saving change (the 23-hour 8 March, the 25-hour 1 November), the changes
	 * themselves, and an ordinary summer midnight.
	 */
	private static final List<Instant> ANCHORS = List.of(midnight(2026, 3, 7), midnight(2026, 3, 8),
			midnight(2026, 3, 9), Instant.parse("2026-03-08T08:00:00Z"), midnight(2026, 10, 31), midnight(2026, 11, 1),
			midnight(2026, 11, 2), Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-11-01T07:00:00Z"),
			midnight(2026, 6, 15));

	private static SingleConnectionDataSource dataSource;

	private static JdbcClient jdbc;

	private static RateLimiter limiter;

	/** The decision on one attempt, from the limiter or from the model. */
	enum Decision {

		ALLOWED, TOO_SOON, DAILY_LIMIT

	}

	@BeforeAll
	static void database() {
		dataSource = new SingleConnectionDataSource(TestDatabase.url(), TestDatabase.username(),
				TestDatabase.password(), true);
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
		jdbc = JdbcClient.create(dataSource);
		limiter = new RateLimiter(jdbc);
	}

	@AfterAll
	static void closeDatabase() {
		dataSource.destroy();
	}

	@Test
	void limiterDecidesEveryAttemptAsTheReferenceModel() {
		long seed = Long.getLong("rate-limit.seed", 20260308L);
		Coverage coverage = new Coverage();
		for (int i = 0; i < TRIES; i++) {
			List<Instant> attempts = scenario(new Random(seed + i));
			String disagreement = disagreement(attempts, coverage);
			if (disagreement != null) {
				List<Instant> smallest = shrink(attempts);
				fail("Seed " + (seed + i) + ": the limiter disagrees with the model on " + smallest + ": "
						+ disagreement(smallest, new Coverage()));
			}
		}
		// The scenarios reached the edges they probe: agreement means something.
		assertThat(coverage.allowedAtExactlySixtySeconds).isGreaterThan(20);
		assertThat(coverage.tooSoonAtFiftyNineSeconds).isGreaterThan(20);
		assertThat(coverage.dailyLimit).isGreaterThan(20);
		assertThat(coverage.allowedOnANewDayAfterTheDailyLimit).isGreaterThan(10);
		assertThat(coverage.dstDaysWithTheDailyLimit).isGreaterThan(5);
	}

	/** What the generated scenarios exercised. */
	static final class Coverage {

		int allowedAtExactlySixtySeconds;

		int tooSoonAtFiftyNineSeconds;

		int dailyLimit;

		int allowedOnANewDayAfterTheDailyLimit;

		int dstDaysWithTheDailyLimit;

		void record(List<Instant> sent, Instant now, Decision decision, LocalDate lastDailyLimitDay) {
			Duration sinceLast = sent.isEmpty() ? null : Duration.between(sent.get(sent.size() - 1), now);
			LocalDate today = now.atZone(CHICAGO).toLocalDate();
			if (decision == Decision.ALLOWED && INTERVAL.equals(sinceLast)) {
				this.allowedAtExactlySixtySeconds++;
			}
			if (decision == Decision.TOO_SOON && INTERVAL.minusSeconds(1).equals(sinceLast)) {
				this.tooSoonAtFiftyNineSeconds++;
			}
			if (decision == Decision.DAILY_LIMIT) {
				this.dailyLimit++;
				if (today.equals(LocalDate.of(2026, 3, 8)) || today.equals(LocalDate.of(2026, 11, 1))) {
					this.dstDaysWithTheDailyLimit++;
				}
			}
			if (decision == Decision.ALLOWED && lastDailyLimitDay != null && today.isAfter(lastDailyLimitDay)) {
				this.allowedOnANewDayAfterTheDailyLimit++;
			}
		}

	}

	@Test
	void secondTextIsTooSoonAtFiftyNineSecondsAndAllowedAtSixty() {
		Instant first = Instant.parse("2026-06-15T15:00:00Z");

		List<Decision> decisions = decide(
				List.of(first, first.plusSeconds(59), first.plusSeconds(60), first.plusSeconds(120)));

		assertThat(decisions).containsExactly(Decision.ALLOWED, Decision.TOO_SOON, Decision.ALLOWED, Decision.ALLOWED);
	}

	@Test
	void dailyCountEndsAtLocalMidnightAfterTheShortSpringForwardDay() {
		// 8 March 2026 has 23 hours in Chicago: its midnight is 05:00 UTC, not 06:00.
		Instant lateEvening = Instant.parse("2026-03-09T04:50:00Z");

		List<Decision> decisions = decide(fiveMinutelyTextsThenAt(lateEvening, Instant.parse("2026-03-09T04:59:59Z"),
				Instant.parse("2026-03-09T05:00:00Z")));

		assertThat(decisions).containsExactly(Decision.ALLOWED, Decision.ALLOWED, Decision.ALLOWED, Decision.ALLOWED,
				Decision.ALLOWED, Decision.DAILY_LIMIT, Decision.ALLOWED);
	}

	@Test
	void dailyCountEndsAtLocalMidnightAfterTheLongFallBackDay() {
		// 1 November 2026 has 25 hours in Chicago: its midnight is 06:00 UTC, not 05:00.
		Instant lateEvening = Instant.parse("2026-11-02T05:00:00Z");

		List<Decision> decisions = decide(fiveMinutelyTextsThenAt(lateEvening, Instant.parse("2026-11-02T05:59:59Z"),
				Instant.parse("2026-11-02T06:00:00Z")));

		assertThat(decisions).containsExactly(Decision.ALLOWED, Decision.ALLOWED, Decision.ALLOWED, Decision.ALLOWED,
				Decision.ALLOWED, Decision.DAILY_LIMIT, Decision.ALLOWED);
	}

	private static List<Instant> fiveMinutelyTextsThenAt(Instant start, Instant... later) {
		List<Instant> attempts = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			attempts.add(start.plus(Duration.ofMinutes(i)));
		}
		attempts.addAll(List.of(later));
		return attempts;
	}

	/**
	 * A sequence of attempt times starting up to four hours before an anchor, with gaps
	 * drawn mostly from 59, 60 and 61 seconds, so that the daily limit is often reached
	 * and local midnight often crossed.
	 */
	private static List<Instant> scenario(Random random) {
		Instant at = ANCHORS.get(random.nextInt(ANCHORS.size())).minusSeconds(random.nextInt(4 * 3600));
		int length = 3 + random.nextInt(23);
		List<Instant> attempts = new ArrayList<>(length);
		for (int i = 0; i < length; i++) {
			attempts.add(at);
			int kind = random.nextInt(20);
			long gap;
			if (kind < 12) {
				gap = 59 + random.nextInt(3);
			}
			else if (kind < 13) {
				gap = random.nextInt(5);
			}
			else if (kind < 16) {
				gap = 1 + random.nextInt(600);
			}
			else if (kind < 19) {
				gap = 600 + random.nextInt(6 * 3600);
			}
			else {
				gap = (23 + random.nextInt(3)) * 3600L;
			}
			at = at.plusSeconds(gap);
		}
		return attempts;
	}

	/** Runs the attempts against the real limiter and the model; null when they agree. */
	private static String disagreement(List<Instant> attempts, Coverage coverage) {
		UUID leadId = newLead();
		try {
			List<Instant> sent = new ArrayList<>();
			LocalDate lastDailyLimitDay = null;
			for (Instant now : attempts) {
				RateLimiter.Reservation reservation;
				try {
					reservation = limiter.reserve(leadId, now, LIMITS, CHICAGO, false);
				}
				catch (RuntimeException ex) {
					return "at " + now + " the limiter failed: " + ex;
				}
				Decision real = decision(reservation);
				Decision expected = model(sent, now);
				coverage.record(sent, now, real, lastDailyLimitDay);
				if (real == Decision.DAILY_LIMIT) {
					lastDailyLimitDay = now.atZone(CHICAGO).toLocalDate();
				}
				if (real != expected) {
					return "at " + now + " the limiter says " + real + ", the model " + expected + " (sent before: "
							+ sent + ")";
				}
				if (reservation instanceof RateLimiter.Reservation.Denied denied) {
					Instant next = denied.nextAllowedAt();
					if (model(sent, next) != Decision.ALLOWED || model(sent, next.minusMillis(1)) == Decision.ALLOWED) {
						return "at " + now + " the limiter names " + next
								+ " as the next allowed moment, which is not the earliest the model allows";
					}
				}
				if (real == Decision.ALLOWED) {
					sent.add(now);
				}
			}
			return null;
		}
		finally {
			jdbc.sql("DELETE FROM leads WHERE id = :id").param("id", leadId).update();
		}
	}

	/** The real limiter's decisions on these attempts, for one fresh lead. */
	private static List<Decision> decide(List<Instant> attempts) {
		UUID leadId = newLead();
		try {
			return attempts.stream()
				.map((now) -> decision(limiter.reserve(leadId, now, LIMITS, CHICAGO, false)))
				.toList();
		}
		finally {
			jdbc.sql("DELETE FROM leads WHERE id = :id").param("id", leadId).update();
		}
	}

	/**
	 * The rule as written in SPEC 5.5, from the list of texts sent so far: at least 60 s
	 * since the last, and fewer than five on the same local date.
	 */
	private static Decision model(List<Instant> sent, Instant now) {
		LocalDate today = now.atZone(CHICAGO).toLocalDate();
		long sentToday = sent.stream().filter((t) -> t.atZone(CHICAGO).toLocalDate().equals(today)).count();
		if (sentToday >= DAILY_LIMIT) {
			return Decision.DAILY_LIMIT;
		}
		if (!sent.isEmpty() && sent.get(sent.size() - 1).isAfter(now.minus(INTERVAL))) {
			return Decision.TOO_SOON;
		}
		return Decision.ALLOWED;
	}

	/**
	 * The smallest subsequence found, removing one attempt at a time, on which limiter
	 * and model still disagree.
	 */
	private static List<Instant> shrink(List<Instant> attempts) {
		List<Instant> smallest = attempts;
		boolean shrunk = true;
		while (shrunk) {
			shrunk = false;
			for (int i = 0; i < smallest.size() && !shrunk; i++) {
				List<Instant> candidate = new ArrayList<>(smallest);
				candidate.remove(i);
				if (disagreement(candidate, new Coverage()) != null) {
					smallest = candidate;
					shrunk = true;
				}
			}
		}
		return smallest;
	}

	private static Decision decision(RateLimiter.Reservation reservation) {
		if (reservation instanceof RateLimiter.Reservation.Granted) {
			return Decision.ALLOWED;
		}
		if (reservation instanceof RateLimiter.Reservation.Denied denied) {
			return (denied.limit() == RateLimiter.Limit.DAILY_LIMIT) ? Decision.DAILY_LIMIT : Decision.TOO_SOON;
		}
		throw new AssertionError("Unexpected reservation " + reservation);
	}

	/**
	 * A lead with fresh counters; closed as won, so no other lead's phone clashes with
	 * it.
	 */
	private static UUID newLead() {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO leads (id, name, phone, status, created_at, last_activity_at)
				VALUES (:id, 'Rate limit property', :phone, 'won', :now, :now)
				""")
			.param("id", id)
			.param("phone", "+15125550199")
			.param("now", Timestamps.of(Instant.parse("2026-01-01T00:00:00Z")))
			.update();
		return id;
	}

	private static Instant midnight(int year, int month, int day) {
		return LocalDate.of(year, month, day).atStartOfDay(CHICAGO).toInstant();
	}

}
