package com.leadresponse.forms;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;
import com.leadresponse.system.Timestamps;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At most {@code formPostsPerHour} form posts from one client address each clock hour,
 * counted across instances; the hours gone by are removed by the periodic pass.
 */
@Component
@Order(90)
class FormPostLimit implements PeriodicTask {

	private final JdbcClient jdbc;

	private final FormSettings settings;

	private final Clock clock;

	FormPostLimit(JdbcClient jdbc, FormSettings settings, Clock clock) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	/** Counts one post from the address; false when its hour's allowance is spent. */
	boolean admit(String address) {
		Instant hour = this.clock.instant().truncatedTo(ChronoUnit.HOURS);
		// SPEC 9 per-IP limit: the check and the count are one statement on the
		// address's row of this hour, so concurrent posts on any instance never exceed
		// it.
		return this.jdbc.sql("""
				INSERT INTO web_form_posts AS p (address, hour_start, posts) VALUES (:address, :hour, 1)
				ON CONFLICT (address, hour_start) DO UPDATE SET posts = p.posts + 1 WHERE p.posts < :limit
				RETURNING posts
				""")
			.param("address", address)
			.param("hour", Timestamps.of(hour))
			.param("limit", this.settings.postsPerHour())
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/** When the allowance of every address is whole again: the next clock hour. */
	Instant nextHour() {
		return this.clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
	}

	/** Forgets the hours gone by. */
	@Override
	public void run(PassReport report) {
		Instant hour = this.clock.instant().truncatedTo(ChronoUnit.HOURS);
		int removed = this.jdbc.sql("DELETE FROM web_form_posts WHERE hour_start < :hour")
			.param("hour", Timestamps.of(hour))
			.update();
		report.count("web form counters removed", removed);
	}

}
