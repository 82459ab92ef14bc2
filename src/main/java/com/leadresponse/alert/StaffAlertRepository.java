package com.leadresponse.alert;

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
 * The SQL of staff alerts (SPEC 5.12): the record of each alert and where its delivery
 * stands, moved by one statement per rule of SPEC 5.9 (claimed once, sent, failed,
 * retried, uncertain); the delivery itself is a background task.
 */
@Repository
class StaffAlertRepository {

	private final JdbcClient jdbc;

	StaffAlertRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An alert claimed for delivery by this instance. */
	record Claimed(UUID id, String channel, String recipient, String subject, String body, int attempts,
			Instant createdAt) {

		boolean sms() {
			return "sms".equals(this.channel);
		}

	}

	/** Adds an alert to the outbox, in the caller's (the event's) transaction. */
	UUID insert(UUID leadId, String event, String channel, String recipient, String subject, String body, Instant now) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO staff_alerts (id, lead_id, event, channel, recipient, subject, body, next_attempt_at,
				                          created_at, updated_at)
				VALUES (:id, :leadId, :event, :channel, :recipient, :subject, :body, :now, :now, :now)
				""")
			.param("id", id)
			.param("leadId", leadId)
			.param("event", event)
			.param("channel", channel)
			.param("recipient", recipient)
			.param("subject", subject)
			.param("body", body)
			.param("now", Timestamps.of(now))
			.update();
		return id;
	}

	/**
	 * Claims one alert for this delivery alone (queued, then sending): a second run of
	 * its task (a retry, an execution revived after a crash) finds it taken.
	 */
	List<Claimed> claim(UUID id, Instant now) {
		return this.jdbc.sql("""
				UPDATE staff_alerts SET status = 'sending', sending_started_at = :now, attempts = attempts + 1,
				  updated_at = :now
				WHERE id = :id AND status = 'queued' AND next_attempt_at <= :now
				RETURNING id, channel, recipient, subject, body, attempts, created_at
				""").param("id", id).param("now", Timestamps.of(now)).query(StaffAlertRepository::map).list();
	}

	void markSent(UUID id, String providerSid, Instant now) {
		this.jdbc.sql("""
				UPDATE staff_alerts SET status = 'sent', provider_sid = :sid, error_message = NULL, updated_at = :now
				WHERE id = :id AND status = 'sending'
				""").param("id", id).param("sid", providerSid).param("now", Timestamps.of(now)).update();
	}

	/** Ends an alert as failed or unknown, with the reason. */
	void settle(UUID id, String status, String reason, Instant now) {
		this.jdbc.sql("""
				UPDATE staff_alerts SET status = :status, error_message = :reason, updated_at = :now
				WHERE id = :id AND status = 'sending'
				""")
			.param("id", id)
			.param("status", status)
			.param("reason", reason)
			.param("now", Timestamps.of(now))
			.update();
	}

	/** Puts an alert the channel surely did not take back in the queue. */
	void requeue(UUID id, String reason, Instant nextAttemptAt, Instant now) {
		this.jdbc.sql("""
				UPDATE staff_alerts SET status = 'queued', error_message = :reason, next_attempt_at = :next,
				  updated_at = :now
				WHERE id = :id AND status = 'sending'
				""")
			.param("id", id)
			.param("reason", reason)
			.param("next", Timestamps.of(nextAttemptAt))
			.param("now", Timestamps.of(now))
			.update();
	}

	/**
	 * Notes why an SMS alert's outcome is uncertain; it stays {@code sending} for the
	 * reconciliation.
	 */
	void noteUncertain(UUID id, String reason, Instant now) {
		this.jdbc.sql("""
				UPDATE staff_alerts SET error_message = :reason, updated_at = :now WHERE id = :id AND status = 'sending'
				""").param("id", id).param("reason", reason).param("now", Timestamps.of(now)).update();
	}

	/** The alert's state, for a delivery that finds it already claimed. */
	Optional<Stored> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM staff_alerts WHERE id = :id")
			.param("id", id)
			.query((rs, row) -> new Stored(map(rs, row), rs.getString("status"),
					Timestamps.read(rs, "sending_started_at")))
			.optional();
	}

	/** An alert as stored, with where its delivery stands. */
	record Stored(Claimed alert, String status, Instant sendingStartedAt) {
	}

	boolean sidKnown(String sid) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM staff_alerts WHERE provider_sid = :sid)")
			.param("sid", sid)
			.query(Boolean.class)
			.single();
	}

	private static Claimed map(ResultSet rs, int row) throws SQLException {
		return new Claimed(rs.getObject("id", UUID.class), rs.getString("channel"), rs.getString("recipient"),
				rs.getString("subject"), rs.getString("body"), rs.getInt("attempts"),
				Timestamps.read(rs, "created_at"));
	}

}
