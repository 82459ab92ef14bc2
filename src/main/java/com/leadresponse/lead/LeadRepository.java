package com.leadresponse.lead;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

	record NewLead(UUID id, String name, String phone, String email, String source, String message, String externalId,
			LeadStatus status, Instant now, Instant sequenceExpiresAt, boolean withSequence) {
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
			.param("nextFollowupAt", lead.withSequence() ? Timestamps.of(lead.now()) : null)
			.param("expiresAt", lead.withSequence() ? Timestamps.of(lead.sequenceExpiresAt()) : null)
			.query(ROWS)
			.optional();
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

	/**
	 * Leads by newest activity, filtered by status and by a name or phone fragment (SPEC
	 * 3).
	 */
	List<Lead> list(LeadStatus status, String search, int page, int size) {
		String digits = (search != null) ? search.replaceAll("[^0-9]", "") : "";
		// Only a search with digits looks at phones: a phone pattern of '%%' would match
		// every
		// lead. Both LIKEs are answered by the trigram indexes of V5.
		boolean byPhone = digits.length() >= 3;
		StringBuilder sql = new StringBuilder("SELECT * FROM leads WHERE true");
		if (status != null) {
			sql.append(" AND status = :status");
		}
		if (search != null) {
			sql.append(byPhone ? " AND (name ILIKE :like OR phone LIKE :phoneLike)" : " AND name ILIKE :like");
		}
		sql.append(" ORDER BY last_activity_at DESC, id LIMIT :limit OFFSET :offset");
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql.toString()).param("limit", size).param("offset", page * size);
		if (status != null) {
			spec = spec.param("status", status.dbValue());
		}
		if (search != null) {
			String escaped = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
			spec = spec.param("like", "%" + escaped + "%");
			if (byPhone) {
				spec = spec.param("phoneLike", "%" + digits + "%");
			}
		}
		return spec.query(ROWS).list();
	}

	/**
	 * A lead's reply ends its sequence and marks it replied; a won lead stays won (SPEC
	 * 5.3). A sequence that had already ended (an opt-out in this same message, expiry)
	 * keeps the reason it ended for. Answers the lead as it now is.
	 */
	Lead recordReply(UUID id, Instant now) {
		return this.jdbc.sql("""
				UPDATE leads SET status = CASE WHEN status = 'won' THEN status ELSE 'replied' END,
				  closed_reason = CASE WHEN status = 'won' THEN closed_reason END,
				  closed_at = CASE WHEN status = 'won' THEN closed_at END,
				  sequence_ended_reason = CASE WHEN next_followup_at IS NOT NULL THEN 'Lead replied'
				                               ELSE sequence_ended_reason END,
				  next_followup_at = NULL, last_inbound_at = :now, last_activity_at = :now
				WHERE id = :id
				RETURNING *
				""").param("id", id).param("now", Timestamps.of(now)).query(ROWS).single();
	}

	/**
	 * Closes (won, lost) or reopens (contacted) a lead; closing ends its sequence (SPEC
	 * 5.3).
	 */
	void setStatus(UUID id, LeadStatus status, String reason, Instant now) {
		this.jdbc.sql("""
				UPDATE leads SET status = :status, closed_reason = :reason, closed_at = :closedAt,
				  next_followup_at = CASE WHEN :closing THEN NULL ELSE next_followup_at END,
				  sequence_ended_reason = CASE WHEN :closing THEN :endedReason ELSE sequence_ended_reason END,
				  last_activity_at = :now
				WHERE id = :id
				""")
			.param("id", id)
			.param("status", status.dbValue())
			.param("reason", status.isClosed() ? reason : null)
			.param("closedAt", status.isClosed() ? Timestamps.of(now) : null)
			.param("closing", status.isClosed())
			.param("endedReason", "Closed as " + status.dbValue())
			.param("now", Timestamps.of(now))
			.update();
	}

	void pauseSequence(UUID id, Instant now) {
		this.jdbc.sql("UPDATE leads SET sequence_paused_at = :now WHERE id = :id AND sequence_paused_at IS NULL")
			.param("id", id)
			.param("now", Timestamps.of(now))
			.update();
	}

	void resumeSequence(UUID id) {
		this.jdbc.sql("UPDATE leads SET sequence_paused_at = NULL WHERE id = :id").param("id", id).update();
	}

	void extendSequence(UUID id, Instant expiresAt) {
		this.jdbc.sql("UPDATE leads SET sequence_expires_at = :expiresAt WHERE id = :id")
			.param("id", id)
			.param("expiresAt", Timestamps.of(expiresAt))
			.update();
	}

	/** A lead's first text went out: new becomes contacted (SPEC 5.1). */
	void markContacted(UUID id) {
		this.jdbc.sql("UPDATE leads SET status = 'contacted' WHERE id = :id AND status = 'new'")
			.param("id", id)
			.update();
	}

	/**
	 * The number cannot get texts (carrier says unreachable or landline): flag it and end
	 * the sequence.
	 */
	void markUnreachable(UUID id, String reason, Instant now) {
		this.jdbc
			.sql("""
					UPDATE leads SET unreachable_at = COALESCE(unreachable_at, :now),
					  sequence_ended_reason = CASE WHEN next_followup_at IS NOT NULL THEN :reason ELSE sequence_ended_reason END,
					  next_followup_at = NULL
					WHERE id = :id
					""")
			.param("id", id)
			.param("reason", reason)
			.param("now", Timestamps.of(now))
			.update();
	}

	void markRead(UUID id, Instant now) {
		this.jdbc.sql("UPDATE leads SET staff_read_at = :now WHERE id = :id")
			.param("id", id)
			.param("now", Timestamps.of(now))
			.update();
	}

}
