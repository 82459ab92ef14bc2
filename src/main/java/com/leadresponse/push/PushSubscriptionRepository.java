package com.leadresponse.push;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.system.CacheProperties;
import com.leadresponse.system.CachedRead;
import com.leadresponse.system.ChangeNotices;
import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of push subscriptions: one per browser, owned by a staff member. Whom a reply
 * notifies is read by every webhook, so each instance keeps the subscriptions of enabled
 * staff ({@link CachedRead}), dropped on every instance when a subscription is added or
 * removed or an account is turned on or off.
 */
@Repository
class PushSubscriptionRepository {

	static final String CHANNEL = "push_subscriptions_changed";

	/** A browser's subscription (its push endpoint and the keys to encrypt for it). */
	record Subscription(UUID id, UUID userId, String endpoint, String p256dh, String auth) {
	}

	private final JdbcClient jdbc;

	private final CachedRead<List<Subscription>> ofEnabledStaff;

	PushSubscriptionRepository(JdbcClient jdbc, ChangeNotices notices, CacheProperties caches) {
		this.jdbc = jdbc;
		this.ofEnabledStaff = notices.cache(CHANNEL, caches.ttl(), () -> List.copyOf(this.jdbc.sql("""
				SELECT s.* FROM push_subscriptions s JOIN users u ON u.id = s.user_id WHERE u.enabled
				ORDER BY s.created_at, s.id
				""").query((rs, row) -> map(rs)).list()));
	}

	/**
	 * Stores a browser's subscription; the endpoint is unique, so subscribing again (or
	 * as another staff member on a shared device) replaces the earlier one.
	 */
	void save(UUID userId, String endpoint, String p256dh, String auth, Instant now) {
		this.jdbc.sql("""
				INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at)
				VALUES (:id, :user, :endpoint, :p256dh, :auth, :now)
				ON CONFLICT (endpoint) DO UPDATE SET user_id = :user, p256dh = :p256dh, auth = :auth
				""")
			.param("id", UUID.randomUUID())
			.param("user", userId)
			.param("endpoint", endpoint)
			.param("p256dh", p256dh)
			.param("auth", auth)
			.param("now", Timestamps.of(now))
			.update();
		this.ofEnabledStaff.changedOnCommit();
	}

	/** The subscriptions of every staff member who may still sign in. */
	List<Subscription> ofEnabledStaff() {
		return this.ofEnabledStaff.get();
	}

	/** The subscriptions of one staff member, while their account is enabled. */
	List<Subscription> ofStaffMember(UUID userId) {
		return this.ofEnabledStaff.get().stream().filter((s) -> s.userId().equals(userId)).toList();
	}

	Optional<Subscription> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM push_subscriptions WHERE id = :id")
			.param("id", id)
			.query((rs, row) -> map(rs))
			.optional();
	}

	List<Subscription> ofStaff(UUID userId) {
		return this.jdbc.sql("SELECT * FROM push_subscriptions WHERE user_id = :user")
			.param("user", userId)
			.query((rs, row) -> map(rs))
			.list();
	}

	void delete(UUID id) {
		this.jdbc.sql("DELETE FROM push_subscriptions WHERE id = :id").param("id", id).update();
		this.ofEnabledStaff.changedOnCommit();
	}

	void deleteEndpoint(UUID userId, String endpoint) {
		this.ofEnabledStaff.changedOnCommit();
		this.jdbc.sql("DELETE FROM push_subscriptions WHERE user_id = :user AND endpoint = :endpoint")
			.param("user", userId)
			.param("endpoint", endpoint)
			.update();
	}

	void delivered(UUID id, Instant now) {
		this.jdbc.sql("UPDATE push_subscriptions SET last_sent_at = :now WHERE id = :id")
			.param("id", id)
			.param("now", Timestamps.of(now))
			.update();
	}

	private static Subscription map(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Subscription(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
				rs.getString("endpoint"), rs.getString("p256dh"), rs.getString("auth"));
	}

}
