package com.leadresponse.review;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of review requests: one row per lead, armed when it is won, claimed by the
 * sweep when due, and never armed again once its text was sent (SPEC 11: never twice).
 */
@Repository
class ReviewRequestRepository {

	/** A due request, locked by this sweep, with staff's switch for its lead. */
	record Due(UUID leadId, boolean enabled) {
	}

	private final JdbcClient jdbc;

	ReviewRequestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The lead was won: its request is due at {@code dueAt}, unless its text was already
	 * sent. The conditional upsert is the "never twice" rule: a lead won, reopened and
	 * won again is armed again only while nothing went; a sweep sending it meanwhile
	 * holds the row's lock, and this statement then sees {@code sent} and changes
	 * nothing.
	 */
	void arm(UUID leadId, Instant dueAt) {
		this.jdbc.sql("""
				INSERT INTO review_requests (lead_id, status, due_at) VALUES (:lead, 'pending', :due)
				ON CONFLICT (lead_id) DO UPDATE SET status = 'pending', due_at = EXCLUDED.due_at, skipped_reason = NULL
				WHERE review_requests.status IS DISTINCT FROM 'sent'
				""").param("lead", leadId).param("due", Timestamps.of(dueAt)).update();
	}

	/** Staff's switch for one lead, kept whether or not it was won yet. */
	void setEnabled(UUID leadId, boolean enabled) {
		this.jdbc.sql("""
				INSERT INTO review_requests (lead_id, enabled) VALUES (:lead, :enabled)
				ON CONFLICT (lead_id) DO UPDATE SET enabled = EXCLUDED.enabled
				""").param("lead", leadId).param("enabled", enabled).update();
	}

	/**
	 * Locks due requests; SKIP LOCKED lets several instances sweep disjoint ones, and the
	 * lock is held until the request is marked in the same transaction.
	 */
	List<Due> lockDue(Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT lead_id, enabled FROM review_requests
				WHERE status = 'pending' AND due_at <= :now
				ORDER BY due_at LIMIT :limit
				FOR UPDATE SKIP LOCKED
				""")
			.param("now", Timestamps.of(now))
			.param("limit", limit)
			.query((rs, row) -> new Due(rs.getObject("lead_id", UUID.class), rs.getBoolean("enabled")))
			.list();
	}

	/** The text is queued: the request is done for good. */
	void markSent(UUID leadId, UUID messageId, Instant now) {
		this.jdbc.sql("""
				UPDATE review_requests SET status = 'sent', due_at = NULL, sent_at = :now, message_id = :message
				WHERE lead_id = :lead AND status = 'pending'
				""").param("lead", leadId).param("message", messageId).param("now", Timestamps.of(now)).update();
	}

	/**
	 * The request will not go, for {@code reason}; winning the lead again arms it again.
	 */
	void skip(UUID leadId, String reason, UUID messageId) {
		this.jdbc.sql("""
				UPDATE review_requests SET status = 'skipped', due_at = NULL, skipped_reason = :reason,
				  message_id = COALESCE(:message, message_id)
				WHERE lead_id = :lead AND status = 'pending'
				""").param("lead", leadId).param("reason", reason).param("message", messageId).update();
	}

	/** The lead is no longer won: nothing is due until it is won again. */
	void disarm(UUID leadId) {
		this.jdbc
			.sql("UPDATE review_requests SET status = NULL, due_at = NULL WHERE lead_id = :lead AND status = 'pending'")
			.param("lead", leadId)
			.update();
	}

	/** The request waits until {@code until}: quiet hours, a limit, the hourly cap. */
	void defer(UUID leadId, Instant until) {
		this.jdbc.sql("UPDATE review_requests SET due_at = :until WHERE lead_id = :lead AND status = 'pending'")
			.param("lead", leadId)
			.param("until", Timestamps.of(until))
			.update();
	}

	Optional<ReviewRequests.State> find(UUID leadId) {
		return this.jdbc.sql("SELECT * FROM review_requests WHERE lead_id = :lead")
			.param("lead", leadId)
			.query((rs, row) -> new ReviewRequests.State(rs.getBoolean("enabled"), rs.getString("status"),
					Timestamps.read(rs, "due_at"), Timestamps.read(rs, "sent_at"),
					rs.getObject("message_id", UUID.class), rs.getString("skipped_reason")))
			.optional();
	}

}
