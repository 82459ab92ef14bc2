package com.leadresponse.sources;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each connector's last refused request and how many it refused (the sources page tells
 * the admin why a source's leads do not arrive): one row per source, overwritten.
 */
@Repository
class SourceRefusals {

	record LastRefusal(Instant at, String reason, long count) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	SourceRefusals(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One row per source, so a flood of forged requests cannot grow the table. */
	void record(String source, String reason) {
		this.jdbc
			.sql("""
					INSERT INTO source_refusals (source, last_refused_at, reason, refused_count) VALUES (:source, :now, :reason, 1)
					ON CONFLICT (source) DO UPDATE SET last_refused_at = EXCLUDED.last_refused_at, reason = EXCLUDED.reason,
					  refused_count = source_refusals.refused_count + 1
					""")
			.param("source", source)
			.param("now", Timestamps.of(this.clock.instant()))
			.param("reason", reason)
			.update();
	}

	Optional<LastRefusal> last(String source) {
		return this.jdbc
			.sql("SELECT last_refused_at, reason, refused_count FROM source_refusals WHERE source = :source")
			.param("source", source)
			.query((rs, row) -> new LastRefusal(Timestamps.read(rs, "last_refused_at"), rs.getString("reason"),
					rs.getLong("refused_count")))
			.optional();
	}

}
