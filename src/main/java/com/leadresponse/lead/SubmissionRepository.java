package com.leadresponse.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of {@code lead_submissions} (SPEC 9). */
@Repository
class SubmissionRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	SubmissionRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** A submission row as first stored. */
	record NewSubmission(UUID id, String source, String externalId, String payload, LeadSubmission.Fields fields,
			SubmissionOutcome outcome, Instant receivedAt) {
	}

	/**
	 * SPEC 9: stores the submission unless its source sent the same external ID before;
	 * answers whether this one was stored. The partial unique index makes a replay,
	 * concurrent or later, on any instance, claim nothing: a second insert waits for the
	 * first's transaction and then does nothing.
	 */
	boolean claim(NewSubmission submission) {
		return this.jdbc
			.sql("""
					INSERT INTO lead_submissions (id, source, external_id, received_at, payload, outcome, name, phone, email,
					                              description, answers)
					VALUES (:id, :source, :externalId, :receivedAt, CAST(:payload AS jsonb), :outcome, :name, :phone, :email,
					        :description, CAST(:answers AS jsonb))
					ON CONFLICT (source, external_id) WHERE external_id IS NOT NULL DO NOTHING
					RETURNING id
					""")
			.param("id", submission.id())
			.param("source", submission.source())
			.param("externalId", submission.externalId())
			.param("receivedAt", Timestamps.of(submission.receivedAt()))
			.param("payload", submission.payload())
			.param("outcome", submission.outcome().dbValue())
			.param("name", submission.fields().name())
			.param("phone", submission.fields().phone())
			.param("email", submission.fields().email())
			.param("description", submission.fields().description())
			.param("answers", answers(submission.fields().answers()))
			.query(UUID.class)
			.optional()
			.isPresent();
	}

	/**
	 * The first submission of this source with this external ID: its row and its lead.
	 */
	Optional<StoredSubmission> find(String source, String externalId) {
		return this.jdbc
			.sql("SELECT id, lead_id FROM lead_submissions WHERE source = :source AND external_id = :externalId")
			.param("source", source)
			.param("externalId", externalId)
			.query((rs, row) -> new StoredSubmission(rs.getObject("id", UUID.class),
					rs.getObject("lead_id", UUID.class)))
			.optional();
	}

	record StoredSubmission(UUID id, UUID leadId) {
	}

	/**
	 * Records what the submission became: the lead it reached, or why it reached none.
	 */
	void settle(UUID id, UUID leadId, SubmissionOutcome outcome) {
		this.jdbc.sql("UPDATE lead_submissions SET lead_id = :leadId, outcome = :outcome WHERE id = :id")
			.param("id", id)
			.param("leadId", leadId)
			.param("outcome", outcome.dbValue())
			.update();
	}

	/**
	 * Locks a submission whose details are still to be read, so that one reading settles
	 * it once; empty when it was settled already.
	 */
	Optional<UUID> lockAwaiting(UUID id) {
		return this.jdbc
			.sql("SELECT id FROM lead_submissions WHERE id = :id AND outcome = 'awaiting_details' FOR UPDATE")
			.param("id", id)
			.query(UUID.class)
			.optional();
	}

	/** The details the source answered afterwards, and the fields read from them. */
	void storeDetails(UUID id, String details, LeadSubmission.Fields fields) {
		this.jdbc.sql("""
				UPDATE lead_submissions SET details = CAST(:details AS jsonb), detail_error = NULL, name = :name,
				  phone = :phone, email = :email, description = :description, answers = CAST(:answers AS jsonb)
				WHERE id = :id
				""")
			.param("id", id)
			.param("details", details)
			.param("name", fields.name())
			.param("phone", fields.phone())
			.param("email", fields.email())
			.param("description", fields.description())
			.param("answers", answers(fields.answers()))
			.update();
	}

	/**
	 * One more attempt at reading a submission's details: answers its external ID and the
	 * attempts so far, counting this one; empty once it is settled.
	 */
	Optional<LeadSubmissions.DetailAttempt> startDetailAttempt(UUID id) {
		return this.jdbc.sql("""
				UPDATE lead_submissions SET detail_attempts = detail_attempts + 1
				WHERE id = :id AND outcome = 'awaiting_details'
				RETURNING id, source, external_id, detail_attempts
				""")
			.param("id", id)
			.query((rs, row) -> new LeadSubmissions.DetailAttempt(rs.getObject("id", UUID.class),
					rs.getString("source"), rs.getString("external_id"), rs.getInt("detail_attempts")))
			.optional();
	}

	void noteDetailFailure(UUID id, String error) {
		this.jdbc
			.sql("UPDATE lead_submissions SET detail_error = :error WHERE id = :id AND outcome = 'awaiting_details'")
			.param("id", id)
			.param("error", error)
			.update();
	}

	List<LeadSubmissions.SubmissionView> forLead(UUID leadId) {
		return this.jdbc.sql("SELECT * FROM lead_submissions WHERE lead_id = :leadId ORDER BY received_at, id")
			.param("leadId", leadId)
			.query(this::view)
			.list();
	}

	/** The newest submissions that reached no lead, for staff. */
	List<LeadSubmissions.SubmissionView> withoutLead(int limit) {
		return this.jdbc
			.sql("SELECT * FROM lead_submissions WHERE lead_id IS NULL ORDER BY received_at DESC, id LIMIT :limit")
			.param("limit", limit)
			.query(this::view)
			.list();
	}

	int countWithoutLead() {
		return this.jdbc.sql("SELECT count(*) FROM lead_submissions WHERE lead_id IS NULL")
			.query(Integer.class)
			.single();
	}

	/** How many submissions the source sent, and when the last one came. */
	LeadSubmissions.SourceCount countFor(String source) {
		return this.jdbc
			.sql("SELECT count(*) AS n, max(received_at) AS last FROM lead_submissions WHERE source = :source")
			.param("source", source)
			.query((rs, row) -> new LeadSubmissions.SourceCount(rs.getLong("n"), Timestamps.read(rs, "last")))
			.single();
	}

	private LeadSubmissions.SubmissionView view(ResultSet rs, int row) throws SQLException {
		List<LeadSubmission.Answer> answers = new ArrayList<>();
		String stored = rs.getString("answers");
		if (stored != null) {
			for (JsonNode answer : this.json.readTree(stored)) {
				answers.add(new LeadSubmission.Answer(answer.path("question").asString(""),
						answer.path("answer").asString("")));
			}
		}
		return new LeadSubmissions.SubmissionView(rs.getObject("id", UUID.class), rs.getObject("lead_id", UUID.class),
				rs.getString("source"), rs.getString("external_id"), Timestamps.read(rs, "received_at"),
				SubmissionOutcome.fromDb(rs.getString("outcome")), rs.getString("name"), rs.getString("phone"),
				rs.getString("email"), rs.getString("description"), answers, rs.getInt("detail_attempts"),
				rs.getString("detail_error"));
	}

	private String answers(List<LeadSubmission.Answer> answers) {
		ArrayNode array = this.json.createArrayNode();
		for (LeadSubmission.Answer answer : answers) {
			array.addObject().put("question", answer.question()).put("answer", answer.answer());
		}
		return this.json.writeValueAsString(array);
	}

}
