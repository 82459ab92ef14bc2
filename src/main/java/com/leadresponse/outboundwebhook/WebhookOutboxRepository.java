package com.leadresponse.outboundwebhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SQL of the outbox (SPEC 11): events written in the transaction of the change, a
 * delivery per endpoint that takes them, claimed head-of-line per lead so that a lead's
 * events go out in order on any number of instances, and moved by one statement per
 * outcome.
 */
@Repository
class WebhookOutboxRepository {

	private final JdbcClient jdbc;

	WebhookOutboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A delivery claimed by this instance, with what to send. */
	record Claimed(UUID id, UUID endpointId, String eventId, String type, String body, int attempts) {
	}

	/** A delivery as the log shows it. */
	record Logged(UUID id, String eventId, String type, UUID leadId, String status, int attempts, Integer responseCode,
			String lastError, Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt) {
	}

	/**
	 * In order per lead: the lead's next number, its row locked until the event's
	 * transaction ends, so events of one lead are numbered in the order they commit.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	long nextLeadSeq(UUID leadId) {
		return this.jdbc.sql("""
				INSERT INTO webhook_lead_order (lead_id, last_seq) VALUES (:lead, 1)
				ON CONFLICT (lead_id) DO UPDATE SET last_seq = webhook_lead_order.last_seq + 1
				RETURNING last_seq
				""").param("lead", leadId).query(Long.class).single();
	}

	/**
	 * The event and one delivery per enabled endpoint that takes its type, in the
	 * transaction of the change: none is lost, none exists for a change that rolled back.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	int insert(String eventId, WebhookEventType type, UUID leadId, Long leadSeq, String body, Instant now) {
		this.jdbc.sql("""
				INSERT INTO webhook_events (id, type, lead_id, lead_seq, body, created_at)
				VALUES (:id, :type, :lead, :seq, :body, :now)
				""")
			.param("id", eventId)
			.param("type", type.wireName())
			.param("lead", leadId)
			.param("seq", leadSeq)
			.param("body", body)
			.param("now", Timestamps.of(now))
			.update();
		return this.jdbc
			.sql("""
					INSERT INTO webhook_deliveries (id, event_id, endpoint_id, lead_id, lead_seq, next_attempt_at, created_at)
					SELECT gen_random_uuid(), :id, e.id, :lead, :seq, :now, :now FROM webhook_endpoints e
					WHERE e.disabled_at IS NULL AND :type = ANY(e.events)
					""")
			.param("id", eventId)
			.param("type", type.wireName())
			.param("lead", leadId)
			.param("seq", leadSeq)
			.param("now", Timestamps.of(now))
			.update();
	}

	/** Enabled endpoints with a delivery due now. */
	List<UUID> endpointsWithDueWork(Instant now) {
		return this.jdbc.sql("""
				SELECT e.id FROM webhook_endpoints e
				WHERE e.disabled_at IS NULL AND EXISTS (
				  SELECT 1 FROM webhook_deliveries d
				  WHERE d.endpoint_id = e.id AND d.status <> 'delivered' AND d.next_attempt_at <= :now)
				ORDER BY e.created_at
				""").param("now", Timestamps.of(now)).query(UUID.class).list();
	}

	/**
	 * In order per lead, across instances: claims due deliveries of one endpoint that are
	 * the head of their lead's queue (no earlier event of that lead to this endpoint is
	 * undelivered, so one being sent or failing holds the later ones back), locked so no
	 * other instance claims them, and leased: a claim whose instance died is taken again
	 * once the lease ends (at least once, the same webhook-id).
	 */
	List<Claimed> claimHeads(UUID endpointId, int limit, Instant now, Instant leaseUntil) {
		return this.jdbc.sql("""
				UPDATE webhook_deliveries d
				SET status = 'sending', attempts = d.attempts + 1, lease_until = :leaseUntil, last_attempt_at = :now
				FROM webhook_events ev
				WHERE ev.id = d.event_id AND d.id IN (
				  SELECT c.id FROM webhook_deliveries c
				  WHERE c.endpoint_id = :endpoint AND c.next_attempt_at <= :now
				    AND (c.status = 'pending' OR (c.status = 'sending' AND c.lease_until <= :now))
				    AND NOT EXISTS (
				      SELECT 1 FROM webhook_deliveries earlier
				      WHERE earlier.endpoint_id = c.endpoint_id AND earlier.lead_id = c.lead_id
				        AND earlier.lead_seq < c.lead_seq AND earlier.status <> 'delivered')
				  ORDER BY c.next_attempt_at, c.lead_seq
				  LIMIT :limit
				  FOR UPDATE OF c SKIP LOCKED)
				RETURNING d.id, d.endpoint_id, d.event_id, ev.type, ev.body, d.attempts
				""")
			.param("endpoint", endpointId)
			.param("limit", limit)
			.param("now", Timestamps.of(now))
			.param("leaseUntil", Timestamps.of(leaseUntil))
			.query((rs, row) -> new Claimed(rs.getObject("id", UUID.class), rs.getObject("endpoint_id", UUID.class),
					rs.getString("event_id"), rs.getString("type"), rs.getString("body"), rs.getInt("attempts")))
			.list();
	}

	/** The receiver answered 2xx; only the attempt that holds the claim records it. */
	void delivered(Claimed claimed, int responseCode, Instant now) {
		this.jdbc.sql("""
				UPDATE webhook_deliveries SET status = 'delivered', response_code = :code, last_error = NULL,
				  delivered_at = :now, lease_until = NULL
				WHERE id = :id AND status = 'sending' AND attempts = :attempts
				""")
			.param("id", claimed.id())
			.param("attempts", claimed.attempts())
			.param("code", responseCode)
			.param("now", Timestamps.of(now))
			.update();
	}

	/** The attempt failed: pending again, due after the backoff. */
	void failed(Claimed claimed, Integer responseCode, String error, Instant nextAttemptAt) {
		this.jdbc.sql("""
				UPDATE webhook_deliveries SET status = 'pending', response_code = :code, last_error = :error,
				  next_attempt_at = :next, lease_until = NULL
				WHERE id = :id AND status = 'sending' AND attempts = :attempts
				""")
			.param("id", claimed.id())
			.param("attempts", claimed.attempts())
			.param("code", responseCode)
			.param("error", error)
			.param("next", Timestamps.of(nextAttemptAt))
			.update();
	}

	/**
	 * A claimed delivery not attempted because its endpoint just failed: pending again,
	 * due with the failed one, its attempt not counted.
	 */
	void release(Claimed claimed, Instant nextAttemptAt) {
		this.jdbc.sql("""
				UPDATE webhook_deliveries SET status = 'pending', attempts = attempts - 1, lease_until = NULL,
				  next_attempt_at = GREATEST(next_attempt_at, :next)
				WHERE id = :id AND status = 'sending' AND attempts = :attempts
				""")
			.param("id", claimed.id())
			.param("attempts", claimed.attempts())
			.param("next", Timestamps.of(nextAttemptAt))
			.update();
	}

	/**
	 * Resend (SPEC 11): the delivery goes out again now with the same webhook-id, in its
	 * lead's order; one being sent is left to finish.
	 */
	boolean resend(UUID deliveryId, Instant now) {
		return this.jdbc.sql("""
				UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = :now, delivered_at = NULL
				WHERE id = :id AND status <> 'sending'
				""").param("id", deliveryId).param("now", Timestamps.of(now)).update() == 1;
	}

	Optional<UUID> endpointOf(UUID deliveryId) {
		return this.jdbc.sql("SELECT endpoint_id FROM webhook_deliveries WHERE id = :id")
			.param("id", deliveryId)
			.query(UUID.class)
			.optional();
	}

	/** The endpoint's latest deliveries, newest first. */
	List<Logged> log(UUID endpointId, int limit) {
		return this.jdbc.sql("""
				SELECT d.id, d.event_id, ev.type, d.lead_id, d.status, d.attempts, d.response_code, d.last_error,
				  d.created_at, d.last_attempt_at, d.next_attempt_at, d.delivered_at
				FROM webhook_deliveries d JOIN webhook_events ev ON ev.id = d.event_id
				WHERE d.endpoint_id = :endpoint
				ORDER BY d.created_at DESC, d.lead_seq DESC NULLS LAST
				LIMIT :limit
				""").param("endpoint", endpointId).param("limit", limit).query(WebhookOutboxRepository::logged).list();
	}

	/**
	 * Log retention: delivered deliveries older than the cutoff go, and events no
	 * delivery needs any more.
	 */
	int removeDeliveredBefore(Instant cutoff) {
		int removed = this.jdbc
			.sql("DELETE FROM webhook_deliveries WHERE status = 'delivered' AND created_at < :cutoff")
			.param("cutoff", Timestamps.of(cutoff))
			.update();
		this.jdbc.sql("""
				DELETE FROM webhook_events ev WHERE ev.created_at < :cutoff
				  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = ev.id)
				""").param("cutoff", Timestamps.of(cutoff)).update();
		return removed;
	}

	private static Logged logged(ResultSet rs, int row) throws SQLException {
		return new Logged(rs.getObject("id", UUID.class), rs.getString("event_id"), rs.getString("type"),
				rs.getObject("lead_id", UUID.class), rs.getString("status"), rs.getInt("attempts"),
				(Integer) rs.getObject("response_code"), rs.getString("last_error"), Timestamps.read(rs, "created_at"),
				Timestamps.read(rs, "last_attempt_at"), Timestamps.read(rs, "next_attempt_at"),
				Timestamps.read(rs, "delivered_at"));
	}

}
