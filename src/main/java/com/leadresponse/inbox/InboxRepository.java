package com.leadresponse.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.leadresponse.lead.LeadSearch;
import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the inbox: leads with their latest message, unread replies first, each half
 * read newest-first from its own index so the inbox never scans {@code leads} (SPEC 7).
 */
@Repository
class InboxRepository {

	/** A reply staff have not opened since it came in (SPEC 6: unread replies first). */
	static final String UNREAD = "(l.last_inbound_at IS NOT NULL AND (l.staff_read_at IS NULL OR l.staff_read_at < l.last_inbound_at))";

	/** One line of the inbox. */
	record InboxRow(UUID id, String name, String phone, String status, Instant lastActivityAt, boolean unread,
			String lastBody, String lastDirection, String lastStatus, Instant lastMessageAt) {
	}

	private final JdbcClient jdbc;

	InboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Leads matching the filter ({@code null}, a status, or {@code unread}) and a name or
	 * phone fragment: unread replies first, then by latest activity.
	 */
	List<InboxRow> rows(String filter, String search, int limit) {
		LeadSearch leadSearch = LeadSearch.of(search, "l");
		String conditions = conditions(filter, leadSearch);
		String unreadHalf = "(SELECT l.id, l.name, l.phone, l.status, l.last_activity_at, true AS unread FROM leads l"
				+ " WHERE " + UNREAD + conditions + " ORDER BY l.last_activity_at DESC, l.id LIMIT :limit)";
		String readHalf = "(SELECT l.id, l.name, l.phone, l.status, l.last_activity_at, false AS unread FROM leads l"
				+ " WHERE NOT " + UNREAD + conditions + " ORDER BY l.last_activity_at DESC, l.id LIMIT :limit)";
		String leads = "unread".equals(filter) ? unreadHalf : unreadHalf + " UNION ALL " + readHalf;
		String sql = """
				SELECT i.*, m.body AS last_body, m.direction AS last_direction, m.status AS last_status,
				       m.created_at AS last_message_at
				FROM (%s) i
				LEFT JOIN LATERAL (SELECT body, direction, status, created_at FROM messages
				                   WHERE lead_id = i.id ORDER BY created_at DESC, id DESC LIMIT 1) m ON true
				ORDER BY i.unread DESC, i.last_activity_at DESC, i.id
				LIMIT :limit
				""".formatted(leads);
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql).param("limit", limit);
		if (isStatus(filter)) {
			spec = spec.param("status", filter);
		}
		if (leadSearch != null) {
			spec = spec.params(leadSearch.params());
		}
		return spec.query(InboxRepository::map).list();
	}

	/** How many leads wait with an unread reply, for the badge in the navigation. */
	int unreadCount() {
		return this.jdbc.sql("SELECT count(*) FROM leads l WHERE " + UNREAD).query(Integer.class).single();
	}

	private static String conditions(String filter, LeadSearch search) {
		StringBuilder sql = new StringBuilder();
		if (isStatus(filter)) {
			sql.append(" AND l.status = :status");
		}
		if (search != null) {
			sql.append(" AND ").append(search.condition());
		}
		return sql.toString();
	}

	static boolean isStatus(String filter) {
		return filter != null && List.of("new", "contacted", "replied", "won", "lost").contains(filter);
	}

	private static InboxRow map(ResultSet rs, int row) throws SQLException {
		return new InboxRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("phone"),
				rs.getString("status"), Timestamps.read(rs, "last_activity_at"), rs.getBoolean("unread"),
				rs.getString("last_body"), rs.getString("last_direction"), rs.getString("last_status"),
				Timestamps.read(rs, "last_message_at"));
	}

}
