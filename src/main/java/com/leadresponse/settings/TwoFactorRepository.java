package com.leadresponse.settings;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of two-factor sign-in (SPEC 11): each account's TOTP secret and the last time
 * step it accepted, its recovery codes and its API tokens (both stored as SHA-256 only).
 */
@Repository
class TwoFactorRepository {

	/** An account's second factor as stored; {@code secret} null until confirmed. */
	record Stored(UUID userId, String secret, String pendingSecret, boolean enabled) {
	}

	/** An API token as its owner's profile lists it; never the token itself. */
	record ApiToken(UUID id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
	}

	private final JdbcClient jdbc;

	TwoFactorRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Stored> byEmail(String email) {
		return this.jdbc
			.sql("""
					SELECT id, totp_secret, totp_pending_secret, totp_enabled_at FROM users WHERE lower(email) = lower(:email)
					""")
			.param("email", email)
			.query((rs, row) -> new Stored(rs.getObject("id", UUID.class), rs.getString("totp_secret"),
					rs.getString("totp_pending_secret"), rs.getObject("totp_enabled_at") != null))
			.optional();
	}

	Optional<Stored> byId(UUID id) {
		return this.jdbc.sql("SELECT id, totp_secret, totp_pending_secret, totp_enabled_at FROM users WHERE id = :id")
			.param("id", id)
			.query((rs, row) -> new Stored(rs.getObject("id", UUID.class), rs.getString("totp_secret"),
					rs.getString("totp_pending_secret"), rs.getObject("totp_enabled_at") != null))
			.optional();
	}

	/** The secret being set up, until a code confirms it. */
	void setPending(UUID userId, String secret) {
		this.jdbc.sql("UPDATE users SET totp_pending_secret = :secret WHERE id = :id")
			.param("secret", secret)
			.param("id", userId)
			.update();
	}

	/**
	 * The secret being set up becomes the account's, with the step of the code that
	 * confirmed it as used; false when another setup replaced it meanwhile.
	 */
	boolean enable(UUID userId, String pendingSecret, long step, Instant now) {
		return this.jdbc.sql("""
				UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL,
				  totp_enabled_at = :now, totp_last_step = :step
				WHERE id = :id AND totp_pending_secret = :secret
				""")
			.param("now", Timestamps.of(now))
			.param("step", step)
			.param("id", userId)
			.param("secret", pendingSecret)
			.update() == 1;
	}

	/**
	 * SPEC 11: a code is accepted once. The step of an accepted code becomes the last
	 * used, and a code of that step or an earlier one is refused, by this one statement
	 * on any instance.
	 */
	boolean claimStep(UUID userId, long step) {
		return this.jdbc.sql("""
				UPDATE users SET totp_last_step = :step
				WHERE id = :id AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < :step)
				""").param("step", step).param("id", userId).update() == 1;
	}

	/** The account signs in with its password alone again. */
	void disable(UUID userId) {
		this.jdbc.sql("""
				UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL,
				  totp_last_step = NULL WHERE id = :id
				""").param("id", userId).update();
		this.jdbc.sql("DELETE FROM recovery_codes WHERE user_id = :id").param("id", userId).update();
	}

	/** A new set of recovery codes; the earlier ones stop working. */
	void replaceRecoveryCodes(UUID userId, List<String> hashes) {
		this.jdbc.sql("DELETE FROM recovery_codes WHERE user_id = :id").param("id", userId).update();
		for (String hash : hashes) {
			this.jdbc.sql("INSERT INTO recovery_codes (user_id, code_hash) VALUES (:id, :hash)")
				.param("id", userId)
				.param("hash", hash)
				.update();
		}
	}

	/** SPEC 11: a recovery code works once; this statement spends it. */
	boolean useRecoveryCode(UUID userId, String hash, Instant now) {
		return this.jdbc.sql("""
				UPDATE recovery_codes SET used_at = :now WHERE user_id = :id AND code_hash = :hash AND used_at IS NULL
				""").param("now", Timestamps.of(now)).param("id", userId).param("hash", hash).update() == 1;
	}

	int recoveryCodesLeft(UUID userId) {
		return this.jdbc.sql("SELECT count(*) FROM recovery_codes WHERE user_id = :id AND used_at IS NULL")
			.param("id", userId)
			.query(Integer.class)
			.single();
	}

	void insertToken(UUID id, UUID userId, String name, String hash, String prefix, Instant now) {
		this.jdbc.sql("""
				INSERT INTO staff_api_tokens (id, user_id, name, token_hash, token_prefix, created_at)
				VALUES (:id, :user, :name, :hash, :prefix, :now)
				""")
			.param("id", id)
			.param("user", userId)
			.param("name", name)
			.param("hash", hash)
			.param("prefix", prefix)
			.param("now", Timestamps.of(now))
			.update();
	}

	List<ApiToken> tokens(UUID userId) {
		return this.jdbc.sql("SELECT * FROM staff_api_tokens WHERE user_id = :id ORDER BY created_at DESC, id")
			.param("id", userId)
			.query((rs, row) -> new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("token_prefix"), Timestamps.read(rs, "created_at"),
					Timestamps.read(rs, "last_used_at"), Timestamps.read(rs, "revoked_at")))
			.list();
	}

	/** Revokes one of the account's own tokens; false when it has no such token. */
	boolean revokeToken(UUID userId, UUID tokenId, Instant now) {
		return this.jdbc
			.sql("""
					UPDATE staff_api_tokens SET revoked_at = COALESCE(revoked_at, :now) WHERE id = :token AND user_id = :user
					""")
			.param("now", Timestamps.of(now))
			.param("token", tokenId)
			.param("user", userId)
			.update() == 1;
	}

	/**
	 * The token of this account with this hash, not revoked, of an enabled account; its
	 * last use is noted at most once a minute, so the API costs no write per call.
	 */
	boolean tokenMatches(String email, String hash, Instant now) {
		Optional<UUID> token = this.jdbc.sql("""
				SELECT t.id FROM staff_api_tokens t JOIN users u ON u.id = t.user_id
				WHERE t.token_hash = :hash AND lower(u.email) = lower(:email) AND t.revoked_at IS NULL AND u.enabled
				""").param("hash", hash).param("email", email).query(UUID.class).optional();
		token.ifPresent((id) -> this.jdbc.sql("""
				UPDATE staff_api_tokens SET last_used_at = :now
				WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :now - interval '1 minute')
				""").param("now", Timestamps.of(now)).param("id", id).update());
		return token.isPresent();
	}

}
