package com.leadresponse.settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.audit.AuditLog;
import com.leadresponse.system.ApiKeyAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.leadresponse.system.Timestamps;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Intake API keys: made in the UI (shown once, stored as SHA-256, revocable) or
 * configured in {@code LEAD_API_KEYS}. A key is a random 160-bit secret, so a plain hash
 * is enough to store it.
 */
@Service
public class ApiKeys implements ApiKeyAuthenticator, ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

	public record ApiKey(UUID id, String name, String prefix, Instant createdAt, Instant revokedAt) {
	}

	public record CreatedKey(ApiKey key, String secret) {
	}

	private final JdbcClient jdbc;

	private final List<byte[]> configuredHashes;

	private final Clock clock;

	private final AuditLog audit;

	ApiKeys(JdbcClient jdbc, ApiKeyProperties properties, Clock clock, AuditLog audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
		this.configuredHashes = properties.apiKeys()
			.stream()
			.map(String::trim)
			.filter((k) -> !k.isEmpty())
			.map(ApiKeys::sha256)
			.toList();
	}

	/**
	 * The client a presented key belongs to ({@code env} or the key's id), or empty when
	 * it is not valid.
	 */
	@Override
	public Optional<String> authenticate(String presented) {
		if (presented == null || presented.isBlank()) {
			return Optional.empty();
		}
		byte[] hash = sha256(presented.trim());
		for (byte[] configured : this.configuredHashes) {
			if (MessageDigest.isEqual(configured, hash)) {
				return Optional.of("env");
			}
		}
		return this.jdbc.sql("SELECT id FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
			.param("hash", HexFormat.of().formatHex(hash))
			.query(UUID.class)
			.optional()
			.map(UUID::toString);
	}

	/**
	 * So that a fresh install can take a lead with no configuration: when no key exists
	 * anywhere, one is made and printed once, like the first admin's password.
	 */
	@Override
	public void run(ApplicationArguments args) {
		boolean anyStored = this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM api_keys)").query(Boolean.class).single();
		if (this.configuredHashes.isEmpty() && !anyStored) {
			CreatedKey key = create("Generated at first start");
			log.warn("Created the first intake API key (shown once; revoke it on the settings page): {}", key.secret());
		}
	}

	@Transactional
	public CreatedKey create(String name) {
		byte[] random = new byte[20];
		new SecureRandom().nextBytes(random);
		String secret = "lr_" + HexFormat.of().formatHex(random);
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				INSERT INTO api_keys (id, name, key_hash, key_prefix, created_at)
				VALUES (:id, :name, :hash, :prefix, :now)
				""")
			.param("id", id)
			.param("name", name)
			.param("hash", HexFormat.of().formatHex(sha256(secret)))
			.param("prefix", secret.substring(0, 9))
			.param("now", Timestamps.of(now))
			.update();
		this.audit.record("api_key.created", "api_key:" + name, Map.of("prefix", secret.substring(0, 9)));
		return new CreatedKey(new ApiKey(id, name, secret.substring(0, 9), now, null), secret);
	}

	public List<ApiKey> all() {
		return this.jdbc.sql("SELECT * FROM api_keys ORDER BY created_at DESC").query(this::map).list();
	}

	@Transactional
	public void revoke(UUID id) {
		this.jdbc.sql(
				"UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL RETURNING name, key_prefix")
			.param("now", Timestamps.of(this.clock.instant()))
			.param("id", id)
			.query((rs, row) -> Map.entry(rs.getString("name"), rs.getString("key_prefix")))
			.optional()
			.ifPresent((key) -> this.audit.record("api_key.revoked", "api_key:" + key.getKey(),
					Map.of("prefix", key.getValue())));
	}

	private ApiKey map(ResultSet rs, int row) throws SQLException {
		return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("key_prefix"),
				Timestamps.read(rs, "created_at"), Timestamps.read(rs, "revoked_at"));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
