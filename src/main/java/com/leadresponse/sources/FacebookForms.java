package com.leadresponse.sources;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of {@code facebook_forms}: the Meta forms a webhook came for, and when each is
 * next read back from the Graph API.
 */
@Repository
class FacebookForms {

	/** A form whose read-back is due: its leads are read from {@code since} on. */
	record DueForm(String formId, Instant firstSeenAt, Instant readUntil) {
	}

	private final JdbcClient jdbc;

	FacebookForms(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Notes the forms of a webhook: a form seen for the first time is read back from now
	 * on, its first read-back {@code next} .
	 */
	void seen(Collection<String> formIds, Instant now, Instant next) {
		for (String formId : formIds) {
			this.jdbc.sql("""
					INSERT INTO facebook_forms (form_id, first_seen_at, read_until, next_read_at)
					VALUES (:formId, :now, :now, :next)
					ON CONFLICT (form_id) DO NOTHING
					""")
				.param("formId", formId)
				.param("now", Timestamps.of(now))
				.param("next", Timestamps.of(next))
				.update();
		}
	}

	/**
	 * Claims one form whose read-back is due, moving its next one to {@code next}, so no
	 * other instance reads it at the same time or again before then.
	 */
	Optional<DueForm> claimDue(Instant now, Instant next) {
		return this.jdbc.sql("""
				UPDATE facebook_forms f SET next_read_at = :next
				WHERE f.form_id = (SELECT form_id FROM facebook_forms WHERE next_read_at <= :now
				                   ORDER BY next_read_at LIMIT 1 FOR UPDATE SKIP LOCKED)
				RETURNING f.form_id, f.first_seen_at, f.read_until
				""")
			.param("now", Timestamps.of(now))
			.param("next", Timestamps.of(next))
			.query((rs, row) -> new DueForm(rs.getString("form_id"), Timestamps.read(rs, "first_seen_at"),
					Timestamps.read(rs, "read_until")))
			.optional();
	}

	/** The form's leads created before {@code until} are read back. */
	void readUntil(String formId, Instant until, Instant now) {
		this.jdbc.sql("""
				UPDATE facebook_forms SET read_until = GREATEST(read_until, :until), last_read_at = :now,
				                          last_error = NULL
				WHERE form_id = :formId
				""")
			.param("formId", formId)
			.param("until", Timestamps.of(until))
			.param("now", Timestamps.of(now))
			.update();
	}

	/** Why the form's read-back stopped short; it is tried again when next due. */
	void failed(String formId, String reason) {
		this.jdbc.sql("UPDATE facebook_forms SET last_error = :reason WHERE form_id = :formId")
			.param("formId", formId)
			.param("reason", reason)
			.update();
	}

}
