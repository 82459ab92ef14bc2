package com.leadresponse.calls;

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
 * The SQL of calls (SPEC 8): each call stored once by its {@code CallSid}, its outcome
 * set once, its voicemail, its missed-call text claimed once, and the once-per-caller
 * window of missed-call texts.
 */
@Repository
class CallRepository {

	private final JdbcClient jdbc;

	CallRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a call by its {@code CallSid}, or answers the stored one, filling in the
	 * caller and lead it did not know (a call first heard of by its recording callback).
	 * The unique {@code call_sid} keeps one row per call, whichever webhook comes first,
	 * on any instance (SPEC 8).
	 */
	Call findOrInsert(String callSid, UUID leadId, String from, String to, CallStatus status, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO calls (id, lead_id, call_sid, from_phone, to_phone, status, started_at)
				VALUES (:id, :leadId, :sid, :from, :to, :status, :now)
				ON CONFLICT (call_sid) DO UPDATE SET lead_id = COALESCE(calls.lead_id, EXCLUDED.lead_id),
				  from_phone = COALESCE(calls.from_phone, EXCLUDED.from_phone),
				  to_phone = COALESCE(calls.to_phone, EXCLUDED.to_phone)
				RETURNING *
				""")
			.param("id", UUID.randomUUID())
			.param("leadId", leadId)
			.param("sid", callSid)
			.param("from", from)
			.param("to", to)
			.param("status", status.dbValue())
			.param("now", Timestamps.of(now))
			.query(CallRepository::map)
			.single();
	}

	Optional<Call> findBySid(String callSid) {
		return this.jdbc.sql("SELECT * FROM calls WHERE call_sid = :sid")
			.param("sid", callSid)
			.query(CallRepository::map)
			.optional();
	}

	Optional<Call> findById(UUID id) {
		return this.jdbc.sql("SELECT * FROM calls WHERE id = :id")
			.param("id", id)
			.query(CallRepository::map)
			.optional();
	}

	/** A lead's calls, oldest first. */
	List<Call> forLead(UUID leadId) {
		return this.jdbc.sql("SELECT * FROM calls WHERE lead_id = :leadId ORDER BY started_at, id")
			.param("leadId", leadId)
			.query(CallRepository::map)
			.list();
	}

	/**
	 * Ends a ringing call as answered or missed; a call ends once, so a late or repeated
	 * outcome never rewrites the first (SPEC 8). Empty when the call had already ended.
	 */
	Optional<Call> end(String callSid, CallStatus outcome, String dialStatus, Integer durationSeconds, Instant now) {
		return this.jdbc.sql("""
				UPDATE calls SET status = :status, dial_status = :dialStatus, ended_at = :now,
				  duration_seconds = :duration
				WHERE call_sid = :sid AND status = 'ringing'
				RETURNING *
				""")
			.param("sid", callSid)
			.param("status", outcome.dbValue())
			.param("dialStatus", dialStatus)
			.param("duration", durationSeconds)
			.param("now", Timestamps.of(now))
			.query(CallRepository::map)
			.optional();
	}

	/** Keeps the voicemail of a call (SPEC 8 recording status callback). */
	void storeRecording(String callSid, String recordingSid, String recordingUrl, Integer durationSeconds) {
		this.jdbc.sql("""
				UPDATE calls SET recording_sid = :recordingSid, recording_url = :url,
				  recording_duration_seconds = :duration
				WHERE call_sid = :sid
				""")
			.param("sid", callSid)
			.param("recordingSid", recordingSid)
			.param("url", recordingUrl)
			.param("duration", durationSeconds)
			.update();
	}

	/** A missed call's text waits for its grace delay. */
	void textPending(UUID callId, Instant dueAt) {
		this.jdbc.sql("UPDATE calls SET missed_text_status = 'pending', missed_text_due_at = :due WHERE id = :id")
			.param("id", callId)
			.param("due", Timestamps.of(dueAt))
			.update();
	}

	/**
	 * Claims a missed call's text for the run deciding it; a second run (a retry, an
	 * execution revived on another instance) finds it decided or waits for this one.
	 */
	Optional<Call> lockPendingText(UUID callId) {
		return this.jdbc.sql("SELECT * FROM calls WHERE id = :id AND missed_text_status = 'pending' FOR UPDATE")
			.param("id", callId)
			.query(CallRepository::map)
			.optional();
	}

	/** The text waits longer: its caller is on the line again, or quiet hours hold it. */
	void textDueAt(UUID callId, Instant dueAt) {
		this.jdbc.sql("UPDATE calls SET missed_text_due_at = :due WHERE id = :id AND missed_text_status = 'pending'")
			.param("id", callId)
			.param("due", Timestamps.of(dueAt))
			.update();
	}

	/**
	 * Settles a pending text: {@code queued} or {@code blocked} with its message, or
	 * {@code cancelled} with the reason.
	 */
	void settleText(UUID callId, String status, UUID messageId, String reason) {
		this.jdbc.sql("""
				UPDATE calls SET missed_text_status = :status, missed_text_message_id = :messageId,
				  missed_text_reason = :reason
				WHERE id = :id AND missed_text_status = 'pending'
				""")
			.param("id", callId)
			.param("status", status)
			.param("messageId", messageId)
			.param("reason", reason)
			.update();
	}

	/** Whether a later call from the number than {@code missed} was answered. */
	boolean answeredAfter(Call missed) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM calls WHERE from_phone = :phone AND started_at > :since
				                 AND status = 'answered')
				""")
			.param("phone", missed.fromPhone())
			.param("since", Timestamps.of(missed.startedAt()))
			.query(Boolean.class)
			.single();
	}

	/**
	 * Whether a later call from the number than {@code missed}, started after
	 * {@code notBefore} (an older one lost its outcome), is still ringing or talking.
	 */
	boolean ringingAfter(Call missed, Instant notBefore) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM calls WHERE from_phone = :phone AND started_at > :since
				                 AND started_at > :notBefore AND status = 'ringing')
				""")
			.param("phone", missed.fromPhone())
			.param("since", Timestamps.of(missed.startedAt()))
			.param("notBefore", Timestamps.of(notBefore))
			.query(Boolean.class)
			.single();
	}

	/**
	 * SPEC 8: at most one missed-call text per number per window. Takes the number's
	 * window for this call unless another call took it after {@code windowStart}: one
	 * conditional upsert, so two missed calls racing on two instances never both win.
	 */
	boolean claimTextWindow(String phone, UUID callId, Instant now, Instant windowStart) {
		return this.jdbc.sql("""
				INSERT INTO missed_call_texts (phone, call_id, texted_at) VALUES (:phone, :callId, :now)
				ON CONFLICT (phone) DO UPDATE SET call_id = EXCLUDED.call_id, texted_at = EXCLUDED.texted_at
				WHERE missed_call_texts.texted_at <= :windowStart
				RETURNING call_id
				""")
			.param("phone", phone)
			.param("callId", callId)
			.param("now", Timestamps.of(now))
			.param("windowStart", Timestamps.of(windowStart))
			.query(UUID.class)
			.optional()
			.isPresent();
	}

	private static Call map(ResultSet rs, int row) throws SQLException {
		return new Call(rs.getObject("id", UUID.class), rs.getObject("lead_id", UUID.class), rs.getString("call_sid"),
				rs.getString("from_phone"), rs.getString("to_phone"), CallStatus.fromDb(rs.getString("status")),
				rs.getString("dial_status"), Timestamps.read(rs, "started_at"), Timestamps.read(rs, "ended_at"),
				(Integer) rs.getObject("duration_seconds"), rs.getString("recording_sid"),
				rs.getString("recording_url"), (Integer) rs.getObject("recording_duration_seconds"),
				rs.getObject("missed_text_message_id", UUID.class), rs.getString("missed_text_status"),
				Timestamps.read(rs, "missed_text_due_at"), rs.getString("missed_text_reason"));
	}

}
