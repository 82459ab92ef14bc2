package com.leadresponse.lead;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The intake rate per API key (SPEC 3 {@code intakeRatePerMinute}): a key may post its
 * whole minute's allowance at once, then one lead per {@code 60 s / rate}, as a token
 * bucket refilled evenly (the generic cell rate algorithm). The check and the spending
 * are one statement on the key's row, so concurrent requests on any number of instances
 * never exceed it together.
 */
@Component
class IntakeRateLimit {

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final IntakeSettings settings;

	private final Clock clock;

	IntakeRateLimit(JdbcClient jdbc, IntakeSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Spends one lead of the client's allowance.
	 * @throws IntakeRateExceededException with the wait when the allowance is spent
	 */
	void admit(String client) {
		Instant now = this.clock.instant();
		long intervalMicros = WINDOW.toNanos() / 1000 / this.settings.ratePerMinute();
		// SPEC 3 intakeRatePerMinute: the key's theoretical arrival time moves on by one
		// interval per lead, and only while it stays within a minute of now.
		boolean admitted = this.jdbc
			.sql("""
					INSERT INTO intake_rates AS r (client, theoretical_arrival_at)
					VALUES (:client, :now + :interval * interval '1 microsecond')
					ON CONFLICT (client) DO UPDATE
					  SET theoretical_arrival_at = GREATEST(r.theoretical_arrival_at, :now) + :interval * interval '1 microsecond'
					  WHERE GREATEST(r.theoretical_arrival_at, :now) + :interval * interval '1 microsecond'
					        <= :now + interval '1 minute'
					RETURNING client
					""")
			.param("client", client)
			.param("now", Timestamps.of(now))
			.param("interval", intervalMicros)
			.query(String.class)
			.optional()
			.isPresent();
		if (!admitted) {
			Instant arrival = this.jdbc.sql("SELECT theoretical_arrival_at FROM intake_rates WHERE client = :client")
				.param("client", client)
				.query((rs, row) -> Timestamps.read(rs, "theoretical_arrival_at"))
				.single();
			Instant next = (arrival.isAfter(now) ? arrival : now).plusNanos(intervalMicros * 1000).minus(WINDOW);
			throw IntakeRateExceededException.retryAfter(this.settings.ratePerMinute(), Duration.between(now, next));
		}
	}

}
