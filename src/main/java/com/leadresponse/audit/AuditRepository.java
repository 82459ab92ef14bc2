package com.leadresponse.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.leadresponse.system.Timestamps;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the audit log: an insert, and pages newest first. There is no update and no
 * delete: the table's trigger refuses both to anyone.
 */
@Repository
class AuditRepository {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	AuditRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String actor, String action, String subject, Map<String, ?> details, Instant at) {
		this.jdbc.sql("""
				INSERT INTO audit_log (created_at, actor, action, subject, details)
				VALUES (:at, :actor, :action, :subject, CAST(:details AS jsonb))
				""")
			.param("at", Timestamps.of(at))
			.param("actor", actor)
			.param("action", action)
			.param("subject", subject)
			.param("details", JSON.writeValueAsString((details != null) ? details : Map.of()))
			.update();
	}

	/** One page, newest first (the id orders entries of the same moment). */
	List<AuditEntry> page(int page, int size) {
		return this.jdbc.sql("""
				SELECT id, created_at, actor, action, subject, details::text AS details FROM audit_log
				ORDER BY created_at DESC, id DESC LIMIT :size OFFSET :offset
				""")
			.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> new AuditEntry(rs.getLong("id"), Timestamps.read(rs, "created_at"),
					rs.getString("actor"), rs.getString("action"), rs.getString("subject"),
					JSON.readTree(rs.getString("details"))))
			.list();
	}

}
