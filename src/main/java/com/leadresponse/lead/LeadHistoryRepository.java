package com.leadresponse.lead;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of a lead's history: notes and status events, in time order. */
@Repository
class LeadHistoryRepository {

	/** A close as recorded: what it ended, so that it can be undone. */
	record Close(UUID leadId, LeadStatus closedAs, LeadStatus before, Instant followupAt) {
	}

	private final JdbcClient jdbc;

	LeadHistoryRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void add(UUID leadId, HistoryEntry.Kind kind, String body, UUID actorId, Instant now) {
		add(leadId, kind, body, actorId, null, null, now);
	}

	void add(UUID leadId, HistoryEntry.Kind kind, String body, UUID actorId, LeadStatus fromStatus, Instant followupAt,
			Instant now) {
		this.jdbc.sql("""
				INSERT INTO lead_history (id, lead_id, kind, body, actor_id, from_status, followup_at, created_at)
				VALUES (:id, :leadId, :kind, :body, :actor, :from, :followupAt, :now)
				""")
			.param("id", UUID.randomUUID())
			.param("leadId", leadId)
			.param("kind", kind.dbValue())
			.param("body", body)
			.param("actor", actorId)
			.param("from", (fromStatus != null) ? fromStatus.dbValue() : null)
			.param("followupAt", Timestamps.of(followupAt))
			.param("now", Timestamps.of(now))
			.update();
	}

	List<HistoryEntry> forLead(UUID leadId) {
		return this.jdbc.sql("SELECT * FROM lead_history WHERE lead_id = :leadId ORDER BY created_at, id")
			.param("leadId", leadId)
			.query((rs, row) -> new HistoryEntry(rs.getObject("id", UUID.class), rs.getObject("lead_id", UUID.class),
					HistoryEntry.Kind.fromDb(rs.getString("kind")), rs.getString("body"),
					rs.getObject("actor_id", UUID.class), Timestamps.read(rs, "created_at")))
			.list();
	}

	/** The lead's latest status event, when it is a close (won or lost). */
	Optional<Close> latestClose(UUID leadId) {
		return this.jdbc.sql("""
				SELECT kind, from_status, followup_at FROM lead_history
				WHERE lead_id = :leadId AND kind IN ('won', 'lost', 'reopened')
				ORDER BY created_at DESC, id DESC LIMIT 1
				""")
			.param("leadId", leadId)
			.query((rs, row) -> (rs.getString("from_status") == null) ? Optional.<Close>empty()
					: Optional.of(new Close(leadId, LeadStatus.fromDb(rs.getString("kind")),
							LeadStatus.fromDb(rs.getString("from_status")), Timestamps.read(rs, "followup_at"))))
			.optional()
			.flatMap((close) -> close);
	}

}
