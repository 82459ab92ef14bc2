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
	 * 5.3). Answers the lead as it now is.
	 */
	Lead recordReply(UUID id, Instant now) {
		return this.jdbc.sql("""
				UPDATE leads SET status = CASE WHEN status = 'won' THEN status ELSE 'replied' END,
				  closed_reason = CASE WHEN status = 'won' THEN closed_reason END,
				  closed_at = CASE WHEN status = 'won' THEN closed_at END,
				  last_inbound_at = :now, last_activity_at = :now,
				""" + SequenceEnd.ENDS + " WHERE id = :id RETURNING *")
			.param("id", id)
			.param("now", Timestamps.of(now))
			.param("endedReason", EndReason.REPLIED.text())
			.query(ROWS)
			.single();
	}

	/**
	 * Closes (won, lost) or reopens (contacted) a lead; closing ends its sequence (SPEC
	 * 5.3).
	 */
	void setStatus(UUID id, LeadStatus status, String reason, Instant now) {
		String sql = """
				UPDATE leads SET status = :status, closed_reason = :reason, closed_at = :closedAt,
				  last_activity_at = :now""";
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

	/**
	 * A lead's first text went out or staff spoke to it: new becomes contacted (SPEC 5.1,
	 * 8).
	 */
	void markContacted(UUID id) {
		this.jdbc.sql("UPDATE leads SET status = 'contacted' WHERE id = :id AND status = 'new'")
			.param("id", id)
			.update();
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

	void markRead(UUID id, Instant now) {
		this.jdbc.sql("UPDATE leads SET staff_read_at = :now WHERE id = :id")
			.param("id", id)
			.param("now", Timestamps.of(now))
			.update();
	}

}
