package com.leadresponse.lead;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.sequence.EndReason;
import com.leadresponse.sequence.SequenceEnd;
import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of leads: intake, lookups, the inbox list, status and sequence changes. */
@Repository
class LeadRepository {

	private static final LeadRowMapper ROWS = new LeadRowMapper();

	private final JdbcClient jdbc;

	LeadRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A lead to store; {@code nextFollowupAt} and {@code sequenceExpiresAt} are null for
	 * a lead without them (a lead that wrote first has no sequence; a caller's waits).
	 */
	record NewLead(UUID id, String name, String phone, String email, String source, String message, String externalId,
			LeadStatus status, Instant now, Instant nextFollowupAt, Instant sequenceExpiresAt) {
	}

	/**
	 * Inserts the lead unless an open lead has the same phone; answers the stored lead,
	 * or nothing when it did not. The partial unique index {@code leads_open_phone_key}
	 * makes this atomic across instances (SPEC 3).
	 */
	Optional<Lead> insertIfNoOpenLead(NewLead lead) {
		return this.jdbc.sql("""
				INSERT INTO leads (id, name, phone, email, source, message, external_id, status, created_at,
				                   last_activity_at, next_followup_at, sequence_expires_at, opted_out_at)
				VALUES (:id, :name, :phone, :email, :source, :message, :externalId, :status, :now, :now,
				        :nextFollowupAt, :expiresAt,
				        (SELECT opted_out_at FROM leads WHERE phone = :phone ORDER BY created_at DESC LIMIT 1))
				ON CONFLICT (phone) WHERE status NOT IN ('won', 'lost') DO NOTHING
				RETURNING *
				""")
			.param("id", lead.id())
			.param("name", lead.name())
			.param("phone", lead.phone())
			.param("email", lead.email())
			.param("source", lead.source())
			.param("message", lead.message())
			.param("externalId", lead.externalId())
			.param("status", lead.status().dbValue())
			.param("now", Timestamps.of(lead.now()))
			.param("nextFollowupAt", Timestamps.of(lead.nextFollowupAt()))
			.param("expiresAt", Timestamps.of(lead.sequenceExpiresAt()))
			.query(ROWS)
			.optional();
	}

	/** Gives the lead its owner, or none (SPEC 11); answers the lead as it now is. */
	Lead assign(UUID id, UUID owner) {
		return this.jdbc.sql("UPDATE leads SET assigned_to = :owner WHERE id = :id RETURNING *")
			.param("owner", owner)
			.param("id", id)
			.query(ROWS)
			.single();
	}

	Optional<Lead> findById(UUID id) {
		return this.jdbc.sql("SELECT * FROM leads WHERE id = :id").param("id", id).query(ROWS).optional();
	}

	Optional<Lead> findOpenByPhone(String phone) {
		return this.jdbc.sql("SELECT * FROM leads WHERE phone = :phone AND status NOT IN ('won', 'lost')")
			.param("phone", phone)
			.query(ROWS)
			.optional();
	}

	Optional<Lead> findLatestByPhone(String phone) {
		return this.jdbc.sql("SELECT * FROM leads WHERE phone = :phone ORDER BY created_at DESC LIMIT 1")
			.param("phone", phone)
			.query(ROWS)
			.optional();
	}

	/** Leads by newest activity, filtered by status and searched (SPEC 3). */
	List<Lead> list(LeadStatus status, LeadSearch search, int page, int size) {
		StringBuilder sql = new StringBuilder("SELECT * FROM leads WHERE true");
		if (status != null) {
			sql.append(" AND status = :status");
		}
		if (search != null) {
			sql.append(" AND ").append(search.condition());
		}
		sql.append(" ORDER BY last_activity_at DESC, id LIMIT :limit OFFSET :offset");
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql.toString()).param("limit", size).param("offset", page * size);
		if (status != null) {
			spec = spec.param("status", status.dbValue());
		}
		if (search != null) {
			spec = spec.params(search.params());
		}
		return spec.query(ROWS).list();
	}

	/**
	 * A lead's reply ends its sequence and marks it replied; a won lead stays won (SPEC
	 * 5.3). A text that is a reply (not an opt-out keyword) waits for a staff answer from
	 * the first one no staff text answered (SPEC 6 "Needs reply"); an opt-out waits for
	 * none. Answers the lead as it now is.
	 */
	Lead recordReply(UUID id, boolean reply, Instant now) {
		return this.jdbc.sql("""
				UPDATE leads SET status = CASE WHEN status = 'won' THEN status ELSE 'replied' END,
				  closed_reason = CASE WHEN status = 'won' THEN closed_reason END,
				  closed_at = CASE WHEN status = 'won' THEN closed_at END,
				  last_inbound_at = :now, last_activity_at = :now,
				  awaiting_reply_since = CASE WHEN :reply THEN COALESCE(awaiting_reply_since, :now) END,
				  replied_at = CASE WHEN :reply THEN COALESCE(replied_at, :now) ELSE replied_at END,
				""" + SequenceEnd.ENDS + " WHERE id = :id RETURNING *")
			.param("id", id)
			.param("reply", reply)
			.param("now", Timestamps.of(now))
			.param("endedReason", EndReason.REPLIED.text())
			.query(ROWS)
			.single();
	}

	/**
	 * A staff text went out: the texts that came before it are answered (SPEC 6 "Needs
	 * reply"); one that came in after it was queued still waits.
	 */
	void answered(UUID id, Instant queuedAt) {
		this.jdbc.sql("""
				UPDATE leads SET awaiting_reply_since = NULL
				WHERE id = :id AND awaiting_reply_since <= :queuedAt
				""").param("id", id).param("queuedAt", Timestamps.of(queuedAt)).update();
	}

	/** Every lead with this phone opted out: none of them waits for an answer. */
	void settleOptedOut(String phone) {
		this.jdbc.sql(
				"UPDATE leads SET awaiting_reply_since = NULL WHERE phone = :phone AND awaiting_reply_since IS NOT NULL")
			.param("phone", phone)
			.update();
	}

	/** The lead's row, locked for a change that records what it was before. */
	Optional<Lead> lock(UUID id) {
		return this.jdbc.sql("SELECT * FROM leads WHERE id = :id FOR UPDATE").param("id", id).query(ROWS).optional();
	}

	/**
	 * Undoes a close that is still in force: the status before it and the follow-up it
	 * ended come back. Answers whether the lead was still closed so.
	 */
	boolean undoClose(UUID id, LeadStatus closedAs, LeadStatus before, Instant followupAt, Instant now) {
		return this.jdbc
			.sql("""
					UPDATE leads SET status = :before, closed_reason = NULL, closed_at = NULL, last_activity_at = :now,
					  next_followup_at = :followupAt,
					  sequence_ended_reason = CASE WHEN CAST(:followupAt AS timestamptz) IS NULL THEN sequence_ended_reason END
					WHERE id = :id AND status = :closedAs
					""")
			.param("id", id)
			.param("before", before.dbValue())
			.param("closedAs", closedAs.dbValue())
			.param("followupAt", Timestamps.of(followupAt))
			.param("now", Timestamps.of(now))
			.update() == 1;
	}

	/**
	 * Closes (won, lost) or reopens (contacted) a lead; closing ends its sequence (SPEC
	 * 5.3).
	 */
	void setStatus(UUID id, LeadStatus status, String reason, Instant now) {
		// Closing also settles what waited for a reply: nobody owes a closed lead an
		// answer.
		String sql = """
				UPDATE leads SET status = :status, closed_reason = :reason, closed_at = :closedAt,
				  last_activity_at = :now""" + (status.isClosed() ? ", awaiting_reply_since = NULL" : "");
		JdbcClient.StatementSpec statement = this.jdbc
			.sql(sql + (status.isClosed() ? ", " + SequenceEnd.ENDS : "") + " WHERE id = :id")
			.param("id", id)
			.param("status", status.dbValue())
			.param("reason", status.isClosed() ? reason : null)
			.param("closedAt", status.isClosed() ? Timestamps.of(now) : null)
			.param("now", Timestamps.of(now));
		if (status.isClosed()) {
			statement = statement.param("endedReason", EndReason.closedAs(status.dbValue()).text());
		}
		statement.update();
	}

	/** A call reached the lead or came from it: it is the newest activity (SPEC 3, 8). */
	void touch(UUID id, Instant now) {
		this.jdbc.sql("UPDATE leads SET last_activity_at = GREATEST(last_activity_at, :now) WHERE id = :id")
			.param("id", id)
			.param("now", Timestamps.of(now))
			.update();
	}

	/** The leads with these ids, in the order of the ids; a missing one is left out. */
	List<Lead> findAllById(List<UUID> ids) {
		return this.jdbc
			.sql("SELECT l.* FROM unnest(CAST(:ids AS uuid[])) WITH ORDINALITY AS i(id, n) JOIN leads l ON l.id = i.id"
					+ " ORDER BY i.n")
			.param("ids", ids.toArray(UUID[]::new))
			.query(ROWS)
			.list();
	}

	/**
	 * A lead's first text went out or staff spoke to it: new becomes contacted (SPEC 5.1,
	 * 8).
	 */
	Optional<Lead> markContacted(UUID id) {
		return markContacted(List.of(id)).stream().findFirst();
	}

	/**
	 * As {@link #markContacted(UUID)}, for a batch: the leads that were new, as they are
	 * now (the status change is told with them, so they are not read again).
	 */
	List<Lead> markContacted(List<UUID> ids) {
		return this.jdbc.sql(
				"UPDATE leads SET status = 'contacted' WHERE id = ANY(CAST(:ids AS uuid[])) AND status = 'new' RETURNING *")
			.param("ids", ids.toArray(UUID[]::new))
			.query(ROWS)
			.list();
	}

	/**
	 * The number cannot get texts (carrier says unreachable or landline): flag it and end
	 * the sequence.
	 */
	void markUnreachable(UUID id, EndReason reason, Instant now) {
		this.jdbc
			.sql("UPDATE leads SET unreachable_at = COALESCE(unreachable_at, :now), " + SequenceEnd.ENDS
					+ " WHERE id = :id")
			.param("id", id)
			.param("endedReason", reason.text())
			.param("now", Timestamps.of(now))
			.update();
	}

	/**
	 * A staff member read the lead: read for them alone (SPEC 6: read state is per staff
	 * member); {@code staff_read_at} keeps when anyone last did, for the API.
	 */
	void markRead(UUID id, UUID userId, Instant now) {
		this.jdbc.sql("UPDATE leads SET staff_read_at = :now WHERE id = :id")
			.param("id", id)
			.param("now", Timestamps.of(now))
			.update();
		this.jdbc.sql("""
				INSERT INTO lead_reads (user_id, lead_id, read_at, marked_unread) VALUES (:user, :id, :now, false)
				ON CONFLICT (user_id, lead_id) DO UPDATE SET read_at = :now, marked_unread = false
				""").param("user", userId).param("id", id).param("now", Timestamps.of(now)).update();
	}

	/**
	 * A staff member wants to come back to the lead: unread for them until they open it.
	 */
	void markUnread(UUID id, UUID userId) {
		this.jdbc.sql("""
				INSERT INTO lead_reads (user_id, lead_id, marked_unread) VALUES (:user, :id, true)
				ON CONFLICT (user_id, lead_id) DO UPDATE SET marked_unread = true
				""").param("user", userId).param("id", id).update();
	}

	/** Whether the lead has something this staff member has not read. */
	boolean unreadFor(UUID id, UUID userId) {
		return this.jdbc.sql("""
				SELECT COALESCE(r.marked_unread, false)
				       OR (l.last_inbound_at IS NOT NULL AND (r.read_at IS NULL OR r.read_at < l.last_inbound_at))
				FROM leads l LEFT JOIN lead_reads r ON r.lead_id = l.id AND r.user_id = :user WHERE l.id = :id
				""").param("id", id).param("user", userId).query(Boolean.class).optional().orElse(false);
	}

}
