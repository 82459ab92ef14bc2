package com.leadresponse.sms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the outbox, the sending pipeline's queue (SPEC 5.9): each statement moves a
 * message one step (queued, sending, then sent, failed, unknown or queued again) and
 * enforces one rule.
 */
@Repository
class OutboxRepository {

	private final JdbcClient jdbc;

	OutboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A message claimed for sending, with what the provider call needs. */
	record Claimed(UUID id, UUID leadId, String to, String body, Integer sequenceStep, int attempts, Instant createdAt,
			MessageStatus status, UUID sentById) {

		/** False when the claim found the lead opted out and blocked the message. */
		boolean mayBeSent() {
			return this.status == MessageStatus.SENDING;
		}

	}

	UUID insertOutbound(UUID leadId, String to, String body, MessageStatus status, String errorMessage,
			Integer sequenceStep, UUID sentBy, Instant now) {
		return insertOutbound(leadId, to, body, status, errorMessage, sequenceStep, sentBy, null, now);
	}

	/**
	 * Stores an outbound text; {@code sendKey} (one submit of the composer) is unique, so
	 * a second post of the same submit fails here and its transaction stores nothing.
	 */
	UUID insertOutbound(UUID leadId, String to, String body, MessageStatus status, String errorMessage,
			Integer sequenceStep, UUID sentBy, UUID sendKey, Instant now) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO messages (id, lead_id, direction, body, status, error_message, sequence_step, sent_by_id,
				                      send_key, to_phone, next_attempt_at, created_at, updated_at)
				VALUES (:id, :leadId, 'outbound', :body, :status, :error, :step, :sentBy, :sendKey, :to, :now, :now,
				        :now)
				""")
			.param("id", id)
			.param("leadId", leadId)
			.param("body", body)
			.param("status", status.dbValue())
			.param("error", errorMessage)
			.param("step", sequenceStep)
			.param("sentBy", sentBy)
			.param("sendKey", sendKey)
			.param("to", to)
			.param("now", Timestamps.of(now))
			.update();
		return id;
	}

	/** An automatic text of a batch, to be stored as {@code queued}. */
	record NewText(UUID id, UUID leadId, String to, String body, int sequenceStep) {
	}

	/** Stores a batch of automatic texts as {@code queued}, in one statement. */
	void insertQueued(List<NewText> texts, Instant now) {
		this.jdbc.sql("""
				INSERT INTO messages (id, lead_id, direction, body, status, sequence_step, to_phone, next_attempt_at,
				                      created_at, updated_at)
				SELECT v.id, v.lead_id, 'outbound', v.body, 'queued', v.step, v.to_phone, :now, :now, :now
				FROM unnest(CAST(:ids AS uuid[]), CAST(:leads AS uuid[]), CAST(:bodies AS text[]),
				            CAST(:steps AS int[]), CAST(:phones AS text[])) AS v(id, lead_id, body, step, to_phone)
				""")
			.param("ids", texts.stream().map(NewText::id).toArray(UUID[]::new))
			.param("leads", texts.stream().map(NewText::leadId).toArray(UUID[]::new))
			.param("bodies", texts.stream().map(NewText::body).toArray(String[]::new))
			.param("steps", texts.stream().map(NewText::sequenceStep).toArray(Integer[]::new))
			.param("phones", texts.stream().map(NewText::to).toArray(String[]::new))
			.param("now", Timestamps.of(now))
			.update();
	}

	/**
	 * Stores a text that waits for its slot under the rate limit (SPEC 3
	 * {@code whenAllowed}): queued with no {@code next_attempt_at}, so no dispatch claims
	 * it until {@link #releaseScheduled} gives it one with its reservation.
	 */
	UUID insertScheduled(UUID leadId, String to, String body, UUID sentBy, UUID sendKey, Instant scheduledFor,
			Instant now) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO messages (id, lead_id, direction, body, status, sent_by_id, send_key, to_phone,
				                      scheduled_for, created_at, updated_at)
				VALUES (:id, :leadId, 'outbound', :body, 'queued', :sentBy, :sendKey, :to, :scheduledFor, :now, :now)
				""")
			.param("id", id)
			.param("leadId", leadId)
			.param("body", body)
			.param("sentBy", sentBy)
			.param("sendKey", sendKey)
			.param("to", to)
			.param("scheduledFor", Timestamps.of(scheduledFor))
			.param("now", Timestamps.of(now))
			.update();
		return id;
	}

	/** A text waiting for its slot, as the release of that slot needs it. */
	record Waiting(UUID id, UUID leadId, Instant scheduledFor) {
	}

	/**
	 * Locks a text still waiting for its slot, for the one release or cancel that gets
	 * it: the other waits for this transaction and then finds it gone or released.
	 */
	Optional<Waiting> lockWaiting(UUID id) {
		return this.jdbc.sql("""
				SELECT id, lead_id, scheduled_for FROM messages
				WHERE id = :id AND status = 'queued' AND next_attempt_at IS NULL AND scheduled_for IS NOT NULL
				FOR UPDATE
				""")
			.param("id", id)
			.query((rs, row) -> new Waiting(rs.getObject("id", UUID.class), rs.getObject("lead_id", UUID.class),
					Timestamps.read(rs, "scheduled_for")))
			.optional();
	}

	/** Its slot is reserved: the waiting text joins the queue, due now. */
	void releaseScheduled(UUID id, Instant now) {
		this.jdbc.sql("UPDATE messages SET next_attempt_at = :now, updated_at = :now WHERE id = :id")
			.param("id", id)
			.param("now", Timestamps.of(now))
			.update();
	}

	/** Someone texted first: the waiting text waits for the next allowed moment. */
	void reschedule(UUID id, Instant scheduledFor, Instant now) {
		this.jdbc.sql("UPDATE messages SET scheduled_for = :at, updated_at = :now WHERE id = :id")
			.param("id", id)
			.param("at", Timestamps.of(scheduledFor))
			.param("now", Timestamps.of(now))
			.update();
	}

	/** The waiting text may never go now (daily limit, opt-out): blocked with why. */
	void blockWaiting(UUID id, String reason, Instant now) {
		this.jdbc
			.sql("UPDATE messages SET status = 'blocked', error_message = :reason, updated_at = :now WHERE id = :id")
			.param("id", id)
			.param("reason", reason)
			.param("now", Timestamps.of(now))
			.update();
	}

	/**
	 * Staff took a waiting text back before it went: it was never an attempt to text the
	 * lead, so nothing of it is kept.
	 */
	void deleteWaiting(UUID id) {
		this.jdbc.sql("DELETE FROM messages WHERE id = :id").param("id", id).update();
	}

	/** Whether a submit of the composer with this key was already stored. */
	boolean sendKeyStored(UUID sendKey) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM messages WHERE send_key = :key)")
			.param("key", sendKey)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Claims one queued message for this instance alone (SPEC 5.9: queued, then sending).
	 * Consent is checked here, at the moment of sending (SPEC 5.7): a lead that opted out
	 * after the message was queued gets it {@code blocked} instead.
	 */
	List<Claimed> claim(UUID id, Instant now) {
		return this.jdbc
			.sql(CLAIM + "WHERE m.id = :id AND m.status = 'queued' AND m.next_attempt_at <= :now\n" + RETURNING)
			.param("id", id)
			.param("now", Timestamps.of(now))
			.param("optedOut", OptOuts.RECIPIENT_OPTED_OUT)
			.query(OutboxRepository::mapClaimed)
			.list();
	}

	/**
	 * Claims due queued messages; SKIP LOCKED lets several instances claim disjoint
	 * batches (SPEC 5.9). Messages to leads that opted out meanwhile become
	 * {@code blocked}.
	 */
	List<Claimed> claimDue(Instant now, int limit) {
		return this.jdbc.sql(CLAIM + """
				WHERE m.id IN (SELECT id FROM messages WHERE status = 'queued' AND next_attempt_at <= :now
				               ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
				""" + RETURNING)
			.param("now", Timestamps.of(now))
			.param("limit", limit)
			.param("optedOut", OptOuts.RECIPIENT_OPTED_OUT)
			.query(OutboxRepository::mapClaimed)
			.list();
	}

	// SPEC 5.7 + 5.9: one statement claims the message for this instance and checks the
	// lead's consent as it stands now.
	private static final String CLAIM = """
			UPDATE messages m SET
			  status = CASE WHEN l.opted_out_at IS NULL THEN 'sending' ELSE 'blocked' END,
			  error_message = CASE WHEN l.opted_out_at IS NULL THEN m.error_message ELSE :optedOut END,
			  error_code = CASE WHEN l.opted_out_at IS NULL THEN m.error_code END,
			  sending_started_at = CASE WHEN l.opted_out_at IS NULL THEN :now ELSE m.sending_started_at END,
			  attempts = CASE WHEN l.opted_out_at IS NULL THEN m.attempts + 1 ELSE m.attempts END,
			  updated_at = :now
			FROM leads l
			""";

	private static final String RETURNING = """
			  AND l.id = m.lead_id
			RETURNING m.id, m.lead_id, m.to_phone, m.body, m.sequence_step, m.attempts, m.created_at, m.status,
			  m.sent_by_id
			""";

	/**
	 * Gives back a claim whose provider call never started (the executor was full): the
	 * message is queued again, its attempt not counted.
	 */
	void release(UUID id) {
		this.jdbc.sql("""
				UPDATE messages SET status = 'queued', attempts = attempts - 1, sending_started_at = NULL
				WHERE id = :id AND status = 'sending'
				""").param("id", id).update();
	}

	/**
	 * Records the provider's acceptance, clearing the errors of earlier attempts; a
	 * message left {@code unknown} that the provider turns out to have is settled too.
	 */
	void markSent(UUID id, String sid, String from, Instant now) {
		this.jdbc.sql("""
				UPDATE messages SET status = 'sent', provider_sid = :sid, from_phone = :from, sent_at = :now,
				  error_code = NULL, error_message = NULL, updated_at = :now
				WHERE id = :id AND status IN ('sending', 'unknown')
				""").param("id", id).param("sid", sid).param("from", from).param("now", Timestamps.of(now)).update();
	}

	/** As {@link #markSent}, for a batch accepted together: one statement. */
	void markSent(List<UUID> ids, List<String> sids, String from, Instant now) {
		this.jdbc.sql("""
				UPDATE messages m SET status = 'sent', provider_sid = v.sid, from_phone = :from, sent_at = :now,
				  error_code = NULL, error_message = NULL, updated_at = :now
				FROM unnest(CAST(:ids AS uuid[]), CAST(:sids AS text[])) AS v(id, sid)
				WHERE m.id = v.id AND m.status IN ('sending', 'unknown')
				""")
			.param("ids", ids.toArray(UUID[]::new))
			.param("sids", sids.toArray(String[]::new))
			.param("from", from)
			.param("now", Timestamps.of(now))
			.update();
	}

	/**
	 * Notes why a send's outcome is uncertain (5xx, no answer); the message stays
	 * {@code sending} until the reconciliation looks it up (SPEC 5.9: never re-sent
	 * blindly).
	 */
	void noteUncertain(UUID id, String code, String message, Instant now) {
		this.jdbc.sql("""
				UPDATE messages SET error_code = :code, error_message = :message, updated_at = :now
				WHERE id = :id AND status = 'sending'
				""")
			.param("id", id)
			.param("code", code)
			.param("message", message)
			.param("now", Timestamps.of(now))
			.update();
	}

	/**
	 * Settles a message whose fate the provider cannot tell as {@code unknown}, for staff
	 * to check (SPEC 5.9), keeping the reason it became uncertain.
	 */
	void markUnknown(UUID id, String reason, Instant now) {
		this.jdbc.sql("""
				UPDATE messages SET status = 'unknown',
				  error_message = COALESCE(error_message || '; ', '') || :reason, updated_at = :now
				WHERE id = :id AND status = 'sending'
				""").param("id", id).param("reason", reason).param("now", Timestamps.of(now)).update();
	}

	void markFailed(UUID id, MessageStatus status, String code, String message, Instant now) {
		this.jdbc.sql("""
				UPDATE messages SET status = :status, error_code = :code, error_message = :message, updated_at = :now
				WHERE id = :id AND status IN ('sending', 'queued')
				""")
			.param("id", id)
			.param("status", status.dbValue())
			.param("code", code)
			.param("message", message)
			.param("now", Timestamps.of(now))
			.update();
	}

	/**
	 * Puts a message the provider surely did not take back in the queue for a later
	 * attempt.
	 */
	void requeue(UUID id, String code, String message, Instant nextAttemptAt, Instant now) {
		this.jdbc.sql("""
				UPDATE messages SET status = 'queued', error_code = :code, error_message = :message,
				  next_attempt_at = :next, updated_at = :now
				WHERE id = :id AND status = 'sending'
				""")
			.param("id", id)
			.param("code", code)
			.param("message", message)
			.param("next", Timestamps.of(nextAttemptAt))
			.param("now", Timestamps.of(now))
			.update();
	}

	/**
	 * Claims messages left {@code sending} longer than a send can take (a process died
	 * mid-send, or the provider's answer was uncertain) for one reconciliation on one
	 * instance: the start time moves on, so no other pass looks them up meanwhile.
	 */
	List<Claimed> claimStuckSending(Instant startedBefore, Instant now, int limit) {
		return this.jdbc.sql("""
				UPDATE messages m SET sending_started_at = :now
				FROM leads l
				WHERE m.id IN (SELECT id FROM messages WHERE status = 'sending' AND sending_started_at < :before
				               ORDER BY sending_started_at LIMIT :limit FOR UPDATE SKIP LOCKED)
				  AND l.id = m.lead_id
				RETURNING m.id, m.lead_id, m.to_phone, m.body, m.sequence_step, m.attempts, m.created_at, m.status,
				  m.sent_by_id
				""")
			.param("before", Timestamps.of(startedBefore))
			.param("now", Timestamps.of(now))
			.param("limit", limit)
			.query(OutboxRepository::mapClaimed)
			.list();
	}

	private static Claimed mapClaimed(ResultSet rs, int row) throws SQLException {
		return new Claimed(rs.getObject("id", UUID.class), rs.getObject("lead_id", UUID.class),
				rs.getString("to_phone"), rs.getString("body"), (Integer) rs.getObject("sequence_step"),
				rs.getInt("attempts"), Timestamps.read(rs, "created_at"), MessageStatus.fromDb(rs.getString("status")),
				rs.getObject("sent_by_id", UUID.class));
	}

}
