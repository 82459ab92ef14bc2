package com.leadresponse.outboundwebhook;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.leadresponse.system.CacheProperties;
import com.leadresponse.system.CachedRead;
import com.leadresponse.system.ChangeNotices;
import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of registered endpoints (SPEC 11): stored with their secret, listed without it,
 * and the one rule of their health: failing since the first failed attempt after a
 * success, disabled once that has lasted too long. Which events enabled endpoints take is
 * read by every webhook, so each instance keeps it ({@link CachedRead}), dropped on every
 * instance when an endpoint is added, changed, disabled or removed.
 */
@Repository
class WebhookEndpointRepository {

	private static final String COLUMNS = "id, url, events, created_at, failing_since, disabled_at, disabled_reason";

	static final String CHANNEL = "webhook_endpoints_changed";

	private final JdbcClient jdbc;

	private final CachedRead<Set<String>> takenTypes;

	WebhookEndpointRepository(JdbcClient jdbc, ChangeNotices notices, CacheProperties caches) {
		this.jdbc = jdbc;
		this.takenTypes = notices
			.cache(CHANNEL, caches.ttl(),
					() -> Set.copyOf(this.jdbc
						.sql("SELECT DISTINCT unnest(events) FROM webhook_endpoints WHERE disabled_at IS NULL")
						.query(String.class)
						.list()));
	}

	void insert(UUID id, String url, List<String> events, String secret, Instant now) {
		this.jdbc.sql("""
				INSERT INTO webhook_endpoints (id, url, events, secret, created_at)
				VALUES (:id, :url, CAST(:events AS text[]), :secret, :now)
				""")
			.param("id", id)
			.param("url", url)
			.param("events", "{" + String.join(",", events) + "}")
			.param("secret", secret)
			.param("now", Timestamps.of(now))
			.update();
		this.takenTypes.changedOnCommit();
	}

	List<WebhookEndpoint> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints ORDER BY created_at, id")
			.query(WebhookEndpointRepository::map)
			.list();
	}

	Optional<WebhookEndpoint> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE id = :id")
			.param("id", id)
			.query(WebhookEndpointRepository::map)
			.optional();
	}

	int count() {
		return this.jdbc.sql("SELECT count(*) FROM webhook_endpoints").query(Integer.class).single();
	}

	/** The secret deliveries are signed with; never shown after it was made. */
	Optional<String> secret(UUID id) {
		return this.jdbc.sql("SELECT secret FROM webhook_endpoints WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	boolean delete(UUID id) {
		this.takenTypes.changedOnCommit();
		return this.jdbc.sql("DELETE FROM webhook_endpoints WHERE id = :id").param("id", id).update() == 1;
	}

	/**
	 * The event types some enabled endpoint takes now (their wire names); a disabled one
	 * takes none.
	 */
	Set<String> takenTypes() {
		return this.takenTypes.get();
	}

	/** A success: the endpoint is healthy again. */
	void succeeded(UUID id) {
		this.jdbc.sql("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = :id AND failing_since IS NOT NULL")
			.param("id", id)
			.update();
	}

	/** A failed attempt: failing since now, unless it already was. */
	void failed(UUID id, Instant now) {
		this.jdbc.sql("UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, :now) WHERE id = :id")
			.param("id", id)
			.param("now", Timestamps.of(now))
			.update();
	}

	/**
	 * SPEC 11, an endpoint that keeps failing: disabled once every attempt has failed
	 * since {@code failingSince <= cutoff}; once, whichever instance sees it first.
	 */
	Optional<WebhookEndpoint> disableIfFailingSince(UUID id, Instant cutoff, String reason, Instant now) {
		this.takenTypes.changedOnCommit();
		return this.jdbc.sql("""
				UPDATE webhook_endpoints SET disabled_at = :now, disabled_reason = :reason
				WHERE id = :id AND disabled_at IS NULL AND failing_since <= :cutoff
				RETURNING """ + " " + COLUMNS)
			.param("id", id)
			.param("cutoff", Timestamps.of(cutoff))
			.param("reason", reason)
			.param("now", Timestamps.of(now))
			.query(WebhookEndpointRepository::map)
			.optional();
	}

	/**
	 * An admin enables a disabled endpoint: it starts afresh, its waiting events go out.
	 */
	boolean enable(UUID id) {
		this.takenTypes.changedOnCommit();
		return this.jdbc.sql("""
				UPDATE webhook_endpoints SET disabled_at = NULL, disabled_reason = NULL, failing_since = NULL
				WHERE id = :id AND disabled_at IS NOT NULL
				""").param("id", id).update() == 1;
	}

	private static WebhookEndpoint map(ResultSet rs, int row) throws SQLException {
		Array events = rs.getArray("events");
		return new WebhookEndpoint(rs.getObject("id", UUID.class), rs.getString("url"),
				Arrays.asList((String[]) events.getArray()), Timestamps.read(rs, "created_at"),
				Timestamps.read(rs, "failing_since"), Timestamps.read(rs, "disabled_at"),
				rs.getString("disabled_reason"));
	}

}
