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
 * The SQL of the inbox: leads with their latest message, unread ones first for the staff
 * member reading it, each half read newest-first from its own index so the inbox never
 * scans {@code leads} (SPEC 7); and the leads that need a reply, oldest first.
 */
@Repository
class InboxRepository {

	/**
	 * Something the staff member {@code :me} has not read (SPEC 6: read state is per
	 * staff member): a text since they last opened the lead, or they marked it unread.
	 */
	static final String UNREAD = "(COALESCE(r.marked_unread, false) OR (l.last_inbound_at IS NOT NULL"
			+ " AND (r.read_at IS NULL OR r.read_at < l.last_inbound_at)))";

	/** The photo types staff see inline (SPEC 10), for "Photo" in the preview. */
	private static final String PHOTO_TYPES = "'image/jpeg', 'image/png', 'image/gif', 'image/webp'";

	private static final String READS = " LEFT JOIN lead_reads r ON r.lead_id = l.id AND r.user_id = :me";

	/**
	 * One line of the inbox: the lead, its latest text (with how many photos and other
	 * media it carries) and its latest call; the preview shows whichever came last.
	 */
	record InboxRow(UUID id, String name, String phone, String status, Instant lastActivityAt, boolean unread,
			Instant awaitingReplySince, boolean optedOut, String lastBody, String lastDirection, String lastStatus,
			Instant lastMessageAt, Instant scheduledFor, int lastMediaCount, int lastPhotoCount, String lastCallStatus,
			Integer lastCallSeconds, Integer lastVoicemailSeconds, Instant lastCallAt) {

		/** Whether the latest thing that happened with the lead is a call. */
		public boolean callIsLatest() {
			return this.lastCallAt != null
					&& (this.lastMessageAt == null || !this.lastCallAt.isBefore(this.lastMessageAt));
		}

		/** "Missed call", "Missed call · Voicemail 0:42", "Answered, 3 min". */
		public String callPreview() {
			String headline = CallWords.headline(this.lastCallStatus, this.lastCallSeconds);
			return (this.lastVoicemailSeconds != null)
					? headline + " · " + CallWords.voicemail(this.lastVoicemailSeconds) : headline;
		}

		/**
		 * The latest text's words; for a text of photos alone, "Photo" or "2 photos"
		 * (SPEC 10), "Attachment" where not all are photos.
		 */
		public String messagePreview() {
			if (this.lastBody != null && !this.lastBody.isBlank()) {
				return this.lastBody;
			}
			if (this.lastMediaCount == 0) {
				return "";
			}
			boolean photos = this.lastPhotoCount == this.lastMediaCount;
			String noun = photos ? "photo" : "attachment";
			return (this.lastMediaCount == 1) ? (photos ? "Photo" : "Attachment")
					: this.lastMediaCount + " " + noun + "s";
		}

	}

	/**
	 * The counts of the filter chips; the unread count stops at {@link #UNREAD_CAP} and
	 * shows as "99+" from there.
	 */
	record Counts(int needsReply, int unread) {

		static final int UNREAD_CAP = 100;

		public String unreadLabel() {
			return (this.unread >= UNREAD_CAP) ? (UNREAD_CAP - 1) + "+" : Integer.toString(this.unread);
		}

	}

	private final JdbcClient jdbc;

	InboxRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Leads matching the filter ({@code null}, a status, {@code unread}, {@code mine},
	 * {@code unassigned} or {@code needs-reply}) and a name or phone fragment: unread
	 * first, then by latest activity; those that need a reply, the longest waiting first.
	 */
	List<InboxRow> rows(UUID me, String filter, String search, int limit) {
		LeadSearch leadSearch = LeadSearch.of(search, "l");
		String conditions = conditions(filter, leadSearch);
		String columns = "SELECT l.id, l.name, l.phone, l.status, l.last_activity_at, l.awaiting_reply_since,"
				+ " l.opted_out_at, ";
		String leads;
		String order;
		if (InboxController.NEEDS_REPLY.equals(filter)) {
			// SPEC 6: oldest first, whoever opened it.
			leads = "(" + columns + UNREAD + " AS unread FROM leads l" + READS
					+ " WHERE l.awaiting_reply_since IS NOT NULL" + conditions
					+ " ORDER BY l.awaiting_reply_since, l.id LIMIT :limit)";
			order = "i.awaiting_reply_since, i.id";
		}
		else {
			String unreadHalf = "(" + columns + "true AS unread FROM leads l" + READS + " WHERE " + UNREAD + conditions
					+ " ORDER BY l.last_activity_at DESC, l.id LIMIT :limit)";
			String readHalf = "(" + columns + "false AS unread FROM leads l" + READS + " WHERE NOT " + UNREAD
					+ conditions + " ORDER BY l.last_activity_at DESC, l.id LIMIT :limit)";
			leads = "unread".equals(filter) ? unreadHalf : unreadHalf + " UNION ALL " + readHalf;
			order = "i.unread DESC, i.last_activity_at DESC, i.id";
		}
		String sql = """
				SELECT i.*, m.body AS last_body, m.direction AS last_direction, m.status AS last_status,
				       m.created_at AS last_message_at, w.scheduled_for, mm.media_count, mm.photo_count,
				       c.status AS last_call_status, c.duration_seconds AS last_call_seconds,
				       c.recording_duration_seconds AS last_voicemail_seconds, c.started_at AS last_call_at
				FROM (%s) i
				LEFT JOIN LATERAL (SELECT id, body, direction, status, created_at FROM messages
				                   WHERE lead_id = i.id ORDER BY created_at DESC, id DESC LIMIT 1) m ON true
				LEFT JOIN LATERAL (SELECT count(*) AS media_count,
				                          count(*) FILTER (WHERE content_type IN (%s)) AS photo_count
				                   FROM message_media WHERE message_id = m.id) mm ON true
				LEFT JOIN LATERAL (SELECT status, duration_seconds,
				                          CASE WHEN recording_sid IS NOT NULL
				                               THEN COALESCE(recording_duration_seconds, 0) END
				                            AS recording_duration_seconds, started_at
				                   FROM calls WHERE lead_id = i.id ORDER BY started_at DESC LIMIT 1) c ON true
				LEFT JOIN LATERAL (SELECT min(scheduled_for) AS scheduled_for FROM messages
				                   WHERE lead_id = i.id AND status = 'queued' AND next_attempt_at IS NULL
				                     AND scheduled_for IS NOT NULL) w ON true
				ORDER BY %s
				LIMIT :limit
				""".formatted(leads, PHOTO_TYPES, order);
		JdbcClient.StatementSpec spec = this.jdbc.sql(sql).param("limit", limit).param("me", me);
		if (isStatus(filter)) {
			spec = spec.param("status", filter);
		}
		if (leadSearch != null) {
			spec = spec.params(leadSearch.params());
		}
		return spec.query(InboxRepository::map).list();
	}

	/**
	 * How many leads need a reply, and how many this staff member has not read, counted
	 * up to {@link Counts#UNREAD_CAP}: the newest leads that texted in are walked by
	 * their index until the cap is reached (SPEC 7: no sequential scan of {@code leads};
	 * an account that never opened a lead of a long history would otherwise count them
	 * all on every poll), and the few marked unread without a text are added.
	 */
	Counts counts(UUID me) {
		return this.jdbc.sql("""
				SELECT (SELECT count(*) FROM leads WHERE awaiting_reply_since IS NOT NULL) AS needs,
				  (SELECT count(*) FROM (SELECT l.id FROM leads l
				     LEFT JOIN lead_reads r ON r.lead_id = l.id AND r.user_id = :me
				     WHERE l.last_inbound_at IS NOT NULL
				       AND (COALESCE(r.marked_unread, false) OR r.read_at IS NULL OR r.read_at < l.last_inbound_at)
				     ORDER BY l.last_inbound_at DESC LIMIT %1$d) texted) AS unread_texted,
				  (SELECT count(*) FROM (SELECT r.lead_id FROM lead_reads r JOIN leads l ON l.id = r.lead_id
				     WHERE r.user_id = :me AND r.marked_unread AND l.last_inbound_at IS NULL LIMIT %1$d) marked)
				     AS unread_marked
				""".formatted(Counts.UNREAD_CAP))
			.param("me", me)
			.query((rs, row) -> new Counts(rs.getInt("needs"),
					Math.min(Counts.UNREAD_CAP, rs.getInt("unread_texted") + rs.getInt("unread_marked"))))
			.single();
	}

	/** The newest text this staff member has not read, for their notification. */
	record LatestUnread(UUID leadId, String name, String body, Instant at) {
	}

	List<LatestUnread> latestUnread(UUID me) {
		return this.jdbc.sql("""
				SELECT l.id, l.name, l.last_inbound_at, m.body FROM leads l
				LEFT JOIN lead_reads r ON r.lead_id = l.id AND r.user_id = :me
				LEFT JOIN LATERAL (SELECT body FROM messages WHERE lead_id = l.id AND direction = 'inbound'
				                   ORDER BY created_at DESC, id DESC LIMIT 1) m ON true
				WHERE l.last_inbound_at IS NOT NULL AND (r.read_at IS NULL OR r.read_at < l.last_inbound_at)
				ORDER BY l.last_inbound_at DESC LIMIT 1
				""")
			.param("me", me)
			.query((rs, row) -> new LatestUnread(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("body"), Timestamps.read(rs, "last_inbound_at")))
			.list();
	}

	private static String conditions(String filter, LeadSearch search) {
		StringBuilder sql = new StringBuilder();
		if (isStatus(filter)) {
			sql.append(" AND l.status = :status");
		}
		else if (InboxController.MINE.equals(filter)) {
			sql.append(" AND l.assigned_to = :me");
		}
		else if (InboxController.UNASSIGNED.equals(filter)) {
			sql.append(" AND l.assigned_to IS NULL");
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
				Timestamps.read(rs, "awaiting_reply_since"), rs.getObject("opted_out_at") != null,
				rs.getString("last_body"), rs.getString("last_direction"), rs.getString("last_status"),
				Timestamps.read(rs, "last_message_at"), Timestamps.read(rs, "scheduled_for"), rs.getInt("media_count"),
				rs.getInt("photo_count"), rs.getString("last_call_status"), (Integer) rs.getObject("last_call_seconds"),
				(Integer) rs.getObject("last_voicemail_seconds"), Timestamps.read(rs, "last_call_at"));
	}

}
