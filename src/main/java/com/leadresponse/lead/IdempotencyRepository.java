package com.leadresponse.lead;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Intake {@code Idempotency-Key}s: a retry with the same key returns the first answer;
 * the key keeps a fingerprint of its request, so a different request with it is told so
 * (SPEC 3).
 */
@Repository
class IdempotencyRepository {

	/** The first answer; {@code requestHash} is null for keys stored before V10. */
	record StoredAnswer(UUID leadId, int status, String requestHash) {

		boolean sameRequest(String hash) {
			return this.requestHash == null || this.requestHash.equals(hash);
		}

	}

	private final JdbcClient jdbc;

	IdempotencyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims the key with an atomic insert; a concurrent request with the same key waits
	 * here until the first commits, then finds its answer. Empty when this request holds
	 * the key.
	 */
	Optional<StoredAnswer> claimOrFind(String client, String key, String requestHash, Instant now) {
		int claimed = this.jdbc
			.sql("""
					INSERT INTO idempotency_keys (client, idempotency_key, lead_id, response_status, request_hash, created_at)
					VALUES (:client, :key, '00000000-0000-0000-0000-000000000000', 0, :hash, :now)
					ON CONFLICT DO NOTHING
					""")
			.param("client", client)
			.param("key", key)
			.param("hash", requestHash)
			.param("now", Timestamps.of(now))
			.update();
		if (claimed == 1) {
			return Optional.empty();
		}
		return this.jdbc.sql("""
				SELECT lead_id, response_status, request_hash FROM idempotency_keys
				WHERE client = :client AND idempotency_key = :key
				""")
			.param("client", client)
			.param("key", key)
			.query((rs, row) -> new StoredAnswer(rs.getObject("lead_id", UUID.class), rs.getInt("response_status"),
					rs.getString("request_hash")))
			.optional();
	}

	void recordAnswer(String client, String key, UUID leadId, int status) {
		this.jdbc.sql("""
				UPDATE idempotency_keys SET lead_id = :leadId, response_status = :status
				WHERE client = :client AND idempotency_key = :key
				""").param("client", client).param("key", key).param("leadId", leadId).param("status", status).update();
	}

}
