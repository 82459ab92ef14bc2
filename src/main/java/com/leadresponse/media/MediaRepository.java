package com.leadresponse.media;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of {@code message_media}: each statement moves an item one step (SPEC 10). */
@Repository
class MediaRepository {

	private static final String COLUMNS = """
			id, message_id, position, content_type, size_bytes, provider_url, status, error_message, attempts,
			created_at""";

	private final JdbcClient jdbc;

	MediaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An inbound item, recorded with its message: Twilio's URL, downloaded later. */
	UUID insertPending(UUID messageId, int position, String contentType, String providerUrl, Instant now) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO message_media (id, message_id, position, content_type, provider_url, status,
				                           created_at, updated_at)
				VALUES (:id, :messageId, :position, :type, :url, 'pending', :now, :now)
				""")
			.param("id", id)
			.param("messageId", messageId)
			.param("position", position)
			.param("type", contentType)
			.param("url", providerUrl)
			.param("now", Timestamps.of(now))
			.update();
		return id;
	}

	/** An item whose bytes are known at once (staff's upload, the simulator's photo). */
	UUID insertStored(UUID messageId, int position, String contentType, byte[] content, Instant now) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO message_media (id, message_id, position, content_type, size_bytes, content, status,
				                           created_at, updated_at)
				VALUES (:id, :messageId, :position, :type, :size, :content, 'stored', :now, :now)
				""")
			.param("id", id)
			.param("messageId", messageId)
			.param("position", position)
			.param("type", contentType)
			.param("size", content.length)
			.param("content", content)
			.param("now", Timestamps.of(now))
			.update();
		return id;
	}

	/**
	 * Counts a download attempt of a pending item; empty when it is no longer pending (a
	 * revived execution, an item removed meanwhile).
	 */
	Optional<MediaItem> startAttempt(UUID id, Instant now) {
		return this.jdbc
			.sql("UPDATE message_media SET attempts = attempts + 1, updated_at = :now "
					+ "WHERE id = :id AND status = 'pending' RETURNING " + COLUMNS)
			.param("id", id)
			.param("now", Timestamps.of(now))
			.query(MediaRepository::map)
			.optional();
	}

	/** The downloaded bytes, with the type they show (SPEC 10: stored). */
	void store(UUID id, String contentType, byte[] content, Instant now) {
		this.jdbc.sql("""
				UPDATE message_media SET status = 'stored', content = :content, size_bytes = :size,
				  content_type = :type, error_message = NULL, updated_at = :now
				WHERE id = :id AND status = 'pending'
				""")
			.param("id", id)
			.param("content", content)
			.param("size", content.length)
			.param("type", contentType)
			.param("now", Timestamps.of(now))
			.update();
	}

	/** Not kept, with the reason staff read. */
	void fail(UUID id, String reason, Instant now) {
		this.jdbc.sql("""
				UPDATE message_media SET status = 'failed', error_message = :reason, updated_at = :now
				WHERE id = :id AND status = 'pending'
				""").param("id", id).param("reason", reason).param("now", Timestamps.of(now)).update();
	}

	/** Why the last attempt failed, while the item waits for the next. */
	void noteRetry(UUID id, String reason, Instant now) {
		this.jdbc.sql("""
				UPDATE message_media SET error_message = :reason, updated_at = :now
				WHERE id = :id AND status = 'pending'
				""").param("id", id).param("reason", reason).param("now", Timestamps.of(now)).update();
	}

	Optional<MediaItem> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM message_media WHERE id = :id")
			.param("id", id)
			.query(MediaRepository::map)
			.optional();
	}

	/** A stored item's bytes; empty when it is not stored. */
	Optional<byte[]> content(UUID id) {
		return this.jdbc.sql("SELECT content FROM message_media WHERE id = :id AND status = 'stored'")
			.param("id", id)
			.query((rs, row) -> rs.getBytes("content"))
			.optional();
	}

	/** The items of these messages, in message order. */
	List<MediaItem> ofMessages(Collection<UUID> messageIds) {
		if (messageIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM message_media WHERE message_id = ANY(:ids) ORDER BY message_id, position")
			.param("ids", messageIds.toArray(UUID[]::new))
			.query(MediaRepository::map)
			.list();
	}

	/**
	 * Removes one batch of media older than the retention (the message and its text
	 * stay); SKIP LOCKED lets instances remove disjoint batches.
	 */
	int removeOlderThan(Instant before, int batch) {
		return this.jdbc.sql("""
				DELETE FROM message_media WHERE id = ANY(ARRAY(
				  SELECT id FROM message_media WHERE created_at < :before
				  ORDER BY created_at LIMIT :batch FOR UPDATE SKIP LOCKED))
				""").param("before", Timestamps.of(before)).param("batch", batch).update();
	}

	private static MediaItem map(ResultSet rs, int row) throws SQLException {
		return new MediaItem(rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class),
				rs.getInt("position"), rs.getString("content_type"), (Integer) rs.getObject("size_bytes"),
				rs.getString("provider_url"), MediaItem.Status.fromDb(rs.getString("status")),
				rs.getString("error_message"), rs.getInt("attempts"), Timestamps.read(rs, "created_at"));
	}

}
