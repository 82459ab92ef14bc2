package com.leadresponse.settings;

import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Staff accounts; passwords are stored only as hashes. Whether anyone takes new leads is
 * asked by every new lead, so each instance keeps the answer ({@link CachedRead}),
 * dropped on every instance when an account's {@code takes_new_leads} or {@code enabled}
 * changes (V76).
 */
@Repository
class UserRepository {

	static final String LEAD_TAKERS_CHANNEL = "lead_takers_changed";

	private final JdbcClient jdbc;

	private final CachedRead<Boolean> anyTakesNewLeads;

	UserRepository(JdbcClient jdbc, ChangeNotices notices, CacheProperties caches) {
		this.jdbc = jdbc;
		this.anyTakesNewLeads = notices.cache(LEAD_TAKERS_CHANNEL, caches.ttl(),
				() -> this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE takes_new_leads AND enabled)")
					.query(Boolean.class)
					.single());
	}

	record StoredUser(StaffUser user, String passwordHash) {
	}

	Optional<StoredUser> findByEmail(String email) {
		return this.jdbc.sql("SELECT * FROM users WHERE lower(email) = lower(:email)")
			.param("email", email)
			.query(this::map)
			.optional();
	}

	List<StaffUser> findAll() {
		return this.jdbc.sql("SELECT * FROM users ORDER BY created_at")
			.query(this::map)
			.list()
			.stream()
			.map(StoredUser::user)
			.toList();
	}

	/** Whether the account exists and may sign in; a missing account may not. */
	boolean isEnabled(UUID id) {
		return this.jdbc.sql("SELECT enabled FROM users WHERE id = :id")
			.param("id", id)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	boolean any() {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM users)").query(Boolean.class).single();
	}

	/** Creates the account unless one with this e-mail exists; answers whether it did. */
	boolean insert(String email, String name, String passwordHash, StaffRole role, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO users (id, email, name, password_hash, role, created_at)
				VALUES (:id, :email, :name, :hash, :role, :now)
				ON CONFLICT DO NOTHING
				""")
			.param("id", UUID.randomUUID())
			.param("email", email)
			.param("name", name)
			.param("hash", passwordHash)
			.param("role", role.dbValue())
			.param("now", Timestamps.of(now))
			.update() == 1;
	}

	void setEnabled(UUID id, boolean enabled) {
		this.anyTakesNewLeads.changedOnCommit();
		this.jdbc.sql("UPDATE users SET enabled = :enabled WHERE id = :id")
			.param("enabled", enabled)
			.param("id", id)
			.update();
	}

	void setPassword(UUID id, String passwordHash) {
		this.jdbc.sql("UPDATE users SET password_hash = :hash WHERE id = :id")
			.param("hash", passwordHash)
			.param("id", id)
			.update();
	}

	boolean anyTakesNewLeads() {
		return this.anyTakesNewLeads.get();
	}

	/**
	 * SPEC 11 assignment, first step: the next turn's number, with the lock that makes
	 * every other intake wait (on any instance) until this one commits, so that two leads
	 * at one moment never read the same turn.
	 */
	long takeNextTurn() {
		return this.jdbc.sql("UPDATE lead_assignment_turns SET turns = turns + 1 WHERE id = 1 RETURNING turns")
			.query(Long.class)
			.single();
	}

	/**
	 * SPEC 11 assignment, second step, under the lock of {@link #takeNextTurn}: the staff
	 * member whose last lead is the oldest among those who take new leads gets this turn.
	 * A statement of its own, so it reads the turns the previous holder of the lock
	 * committed.
	 */
	Optional<UUID> giveTurn(long turn) {
		return this.jdbc.sql("""
				UPDATE users SET assigned_turn = :turn
				WHERE id = (SELECT id FROM users WHERE takes_new_leads AND enabled
				            ORDER BY assigned_turn NULLS FIRST, created_at, id LIMIT 1)
				RETURNING id
				""").param("turn", turn).query(UUID.class).optional();
	}

	void setTakesNewLeads(UUID id, boolean takes) {
		this.anyTakesNewLeads.changedOnCommit();
		this.jdbc.sql("UPDATE users SET takes_new_leads = :takes WHERE id = :id")
			.param("takes", takes)
			.param("id", id)
			.update();
	}

	void setAlertPhone(UUID id, String phone) {
		this.jdbc.sql("UPDATE users SET alert_phone = :phone WHERE id = :id")
			.param("phone", phone)
			.param("id", id)
			.update();
	}

	boolean setupDismissed(UUID id) {
		return this.jdbc.sql("SELECT setup_dismissed_at IS NOT NULL FROM users WHERE id = :id")
			.param("id", id)
			.query(Boolean.class)
			.optional()
			.orElse(true);
	}

	void dismissSetup(UUID id, Instant now) {
		this.jdbc.sql("UPDATE users SET setup_dismissed_at = COALESCE(setup_dismissed_at, :now) WHERE id = :id")
			.param("id", id)
			.param("now", Timestamps.of(now))
			.update();
	}

	void setName(UUID id, String name) {
		this.jdbc.sql("UPDATE users SET name = :name WHERE id = :id").param("name", name).param("id", id).update();
	}

	Optional<String> passwordHash(UUID id) {
		return this.jdbc.sql("SELECT password_hash FROM users WHERE id = :id")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	Optional<StaffUser> findById(UUID id) {
		return this.jdbc.sql("SELECT * FROM users WHERE id = :id")
			.param("id", id)
			.query(this::map)
			.optional()
			.map(StoredUser::user);
	}

	private StoredUser map(ResultSet rs, int row) throws SQLException {
		StaffUser user = new StaffUser(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("name"),
				StaffRole.fromDb(rs.getString("role")), rs.getBoolean("enabled"), rs.getBoolean("takes_new_leads"),
				rs.getString("alert_phone"), rs.getObject("totp_enabled_at") != null);
		return new StoredUser(user, rs.getString("password_hash"));
	}

}
