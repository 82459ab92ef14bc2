package com.leadresponse.sms;

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
 * The SQL of the conversation: a lead's messages in order, and inbound texts stored once
 * by their {@code MessageSid}.
 */
@Repository
class ConversationRepository {

	private final JdbcClient jdbc;

	ConversationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores an inbound SMS once: {@code provider_sid} is unique, the lasting guard
	 * behind webhook dedupe (SPEC 5.4).
	 */
	Optional<UUID> insertInbound(UUID leadId, String providerSid, String from, String to, String body, Instant now) {
		UUID id = UUID.randomUUID();
		boolean inserted = this.jdbc.sql("""
				INSERT INTO messages (id, lead_id, direction, body, status, provider_sid, to_phone, from_phone,
				                      created_at, updated_at)
				VALUES (:id, :leadId, 'inbound', :body, 'received', :sid, :to, :from, :now, :now)
				ON CONFLICT (provider_sid) DO NOTHING
				""")
			.param("id", id)
			.param("leadId", leadId)
			.param("body", body)
			.param("sid", providerSid)
			.param("to", to)
			.param("from", from)
			.param("now", Timestamps.of(now))
			.update() == 1;
		return inserted ? Optional.of(id) : Optional.empty();
	}

	/**
	 * Stores a message a lead source relayed (its channel): no provider SID, the source's
	 * submission is what makes it once.
	 */
	UUID insertRelayed(UUID leadId, String channel, String from, String body, Instant now) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO messages (id, lead_id, direction, body, status, channel, from_phone, created_at, updated_at)
				VALUES (:id, :leadId, 'inbound', :body, 'received', :channel, :from, :now, :now)
				""")
			.param("id", id)
			.param("leadId", leadId)
			.param("body", body)
			.param("channel", channel)
			.param("from", from)
			.param("now", Timestamps.of(now))
			.update();
		return id;
	}

	List<Message> forLead(UUID leadId) {
		return this.jdbc.sql("SELECT * FROM messages WHERE lead_id = :leadId ORDER BY created_at, id")
			.param("leadId", leadId)
			.query(ConversationRepository::map)
			.list();
	}

	boolean inboundSince(UUID leadId, Instant since) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM messages WHERE lead_id = :leadId AND direction = 'inbound'
				                 AND created_at > :since)
				""").param("leadId", leadId).param("since", Timestamps.of(since)).query(Boolean.class).single();
	}

	/**
	 * A text by staff (it has a sender) that was queued, not refused by a limit or
	 * consent.
	 */
	boolean staffTextSince(UUID leadId, Instant since) {
		return this.jdbc.sql("""
				SELECT EXISTS (SELECT 1 FROM messages WHERE lead_id = :leadId AND direction = 'outbound'
				                 AND sent_by_id IS NOT NULL AND status NOT IN ('blocked', 'failed')
				                 AND created_at > :since)
				""").param("leadId", leadId).param("since", Timestamps.of(since)).query(Boolean.class).single();
	}

	Optional<Message> findById(UUID id) {
		return this.jdbc.sql("SELECT * FROM messages WHERE id = :id")
			.param("id", id)
			.query(ConversationRepository::map)
			.optional();
	}

	static Message map(ResultSet rs, int row) throws SQLException {
		return new Message(rs.getObject("id", UUID.class), rs.getObject("lead_id", UUID.class),
				rs.getString("direction"), rs.getString("body"), MessageStatus.fromDb(rs.getString("status")),
				rs.getString("provider_sid"), rs.getString("error_code"), rs.getString("error_message"),
				(Integer) rs.getObject("sequence_step"), rs.getObject("sent_by_id", UUID.class),
				rs.getString("to_phone"), rs.getString("from_phone"), rs.getInt("attempts"),
				Timestamps.read(rs, "created_at"), Timestamps.read(rs, "updated_at"),
				Timestamps.read(rs, "scheduled_for"),
				"queued".equals(rs.getString("status")) && rs.getObject("next_attempt_at") == null,
				rs.getString("channel"));
	}

}
