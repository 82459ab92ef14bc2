package com.leadresponse.sms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of delivery statuses (SPEC 5.10): forward-only moves by provider SID, and the
 * callbacks that arrived before their SID was stored, kept until it is.
 */
@Repository
class DeliveryStatusRepository {

	private final JdbcClient jdbc;

	DeliveryStatusRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Serialises the writes about one provider SID (its callbacks and the write that
	 * stores it), so a callback is either applied to the stored message or parked for
	 * that write.
	 */
	void lockSid(String sid) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:sid))").param("sid", sid).query(Object.class).single();
	}

	/** The locks of several SIDs, in one statement (a batch's acceptances). */
	void lockSids(List<String> sids) {
		this.jdbc.sql("SELECT count(pg_advisory_xact_lock(hashtext(s))) FROM unnest(CAST(:sids AS text[])) AS s")
			.param("sids", sids.toArray(String[]::new))
			.query(Long.class)
			.single();
	}

	/**
	 * Whether a provider SID belongs to a stored message: a callback for an unknown SID
	 * is parked, and reconciliation skips the SIDs of earlier texts with the same body.
	 */
	boolean sidStored(String sid) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM messages WHERE provider_sid = :sid)")
			.param("sid", sid)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Applies a delivery status only forward (SPEC 5.10); answers whether the message
	 * moved.
	 */
	boolean applyDeliveryStatus(String sid, MessageStatus status, String errorCode, Instant now) {
		return this.jdbc.sql("""
				UPDATE messages SET status = :status, error_code = COALESCE(:code, error_code), updated_at = :now
				WHERE provider_sid = :sid AND direction = 'outbound'
				  AND (CASE status WHEN 'queued' THEN 0 WHEN 'sending' THEN 1 WHEN 'unknown' THEN 1 WHEN 'sent' THEN 2
				       WHEN 'delivered' THEN 3 ELSE 4 END) < :rank
				""")
			.param("sid", sid)
			.param("status", status.dbValue())
			.param("code", errorCode)
			.param("rank", status.rank())
			.param("now", Timestamps.of(now))
			.update() == 1;
	}

	Optional<UUID> leadOfSid(String sid) {
		return this.jdbc.sql("SELECT lead_id FROM messages WHERE provider_sid = :sid")
			.param("sid", sid)
			.query(UUID.class)
			.optional();
	}

	/**
	 * Keeps a callback for a SID not stored yet (SPEC 5.10: a callback may beat the write
	 * of the SID).
	 */
	void parkStatus(String sid, MessageStatus status, String errorCode, Instant now) {
		this.jdbc.sql("""
				INSERT INTO early_status_callbacks (provider_sid, status, error_code, received_at)
				VALUES (:sid, :status, :code, :now)
				ON CONFLICT DO NOTHING
				""")
			.param("sid", sid)
			.param("status", status.dbValue())
			.param("code", errorCode)
			.param("now", Timestamps.of(now))
			.update();
	}

	record ParkedStatus(MessageStatus status, String errorCode) {
	}

	List<ParkedStatus> takeParked(String sid) {
		return this.jdbc
			.sql("DELETE FROM early_status_callbacks WHERE provider_sid = :sid RETURNING status, error_code")
			.param("sid", sid)
			.query((rs, row) -> new ParkedStatus(MessageStatus.fromDb(rs.getString("status")),
					rs.getString("error_code")))
			.list();
	}

	/** What was parked for any of these SIDs, taken in one statement, by SID. */
	Map<String, List<ParkedStatus>> takeParked(List<String> sids) {
		Map<String, List<ParkedStatus>> parked = new HashMap<>();
		this.jdbc
			.sql("DELETE FROM early_status_callbacks WHERE provider_sid = ANY(CAST(:sids AS text[])) "
					+ "RETURNING provider_sid, status, error_code")
			.param("sids", sids.toArray(String[]::new))
			.query((rs) -> {
				parked.computeIfAbsent(rs.getString("provider_sid"), (sid) -> new ArrayList<>())
					.add(new ParkedStatus(MessageStatus.fromDb(rs.getString("status")), rs.getString("error_code")));
			});
		return parked;
	}

	int removeParkedBefore(Instant before) {
		return this.jdbc.sql("DELETE FROM early_status_callbacks WHERE received_at < :before")
			.param("before", Timestamps.of(before))
			.update();
	}

}
