package com.leadresponse.quickreply;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of quick replies: one shortcut names one reply. */
@Repository
class QuickReplyRepository {

	private final JdbcClient jdbc;

	QuickReplyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<QuickReply> all() {
		return this.jdbc.sql("SELECT id, shortcut, body, created_at FROM quick_replies ORDER BY shortcut")
			.query((rs, row) -> new QuickReply(rs.getObject("id", UUID.class), rs.getString("shortcut"),
					rs.getString("body"), Timestamps.read(rs, "created_at")))
			.list();
	}

	int count() {
		return this.jdbc.sql("SELECT count(*) FROM quick_replies").query(Integer.class).single();
	}

	/** One reply per shortcut, also when two admins save the same one at once. */
	boolean insert(UUID id, String shortcut, String body, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO quick_replies (id, shortcut, body, created_at) VALUES (:id, :shortcut, :body, :now)
				ON CONFLICT (shortcut) DO NOTHING
				""")
			.param("id", id)
			.param("shortcut", shortcut)
			.param("body", body)
			.param("now", Timestamps.of(now))
			.update() == 1;
	}

	boolean delete(UUID id) {
		return this.jdbc.sql("DELETE FROM quick_replies WHERE id = :id").param("id", id).update() == 1;
	}

}
