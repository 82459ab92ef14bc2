package com.leadresponse.sequence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadRowMapper;
import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of sequences: the editable steps, the due sweep and the expiry pass. */
@Repository
class SequenceRepository {

	private final JdbcClient jdbc;

	private final LeadRowMapper leadRows = new LeadRowMapper();

	SequenceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<SequenceStep> steps() {
		return this.jdbc.sql("SELECT * FROM sequence_steps ORDER BY step_number")
			.query((rs, row) -> new SequenceStep(rs.getInt("step_number"),
					Duration.ofMinutes(rs.getInt("delay_minutes")), rs.getString("template")))
			.list();
	}

	void replaceSteps(List<SequenceStep> steps) {
		this.jdbc.sql("DELETE FROM sequence_steps").update();
		for (SequenceStep step : steps) {
			this.jdbc.sql("INSERT INTO sequence_steps (step_number, delay_minutes, template) VALUES (:n, :d, :t)")
				.param("n", step.stepNumber())
				.param("d", (int) step.delay().toMinutes())
				.param("t", step.template())
				.update();
		}
	}

	/**
	 * Locks due, running sequences; SKIP LOCKED lets several instances sweep disjoint
	 * leads (SPEC 5.2).
	 */
	List<Lead> lockDue(Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM leads
				WHERE next_followup_at <= :now AND next_followup_at IS NOT NULL AND sequence_paused_at IS NULL
				  AND status IN ('new', 'contacted')
				ORDER BY next_followup_at LIMIT :limit
				FOR UPDATE SKIP LOCKED
				""").param("now", Timestamps.of(now)).param("limit", limit).query(this.leadRows).list();
	}

	void advance(UUID leadId, int step, Instant nextFollowupAt, String endedReason) {
		this.jdbc.sql("""
				UPDATE leads SET sequence_step = :step, next_followup_at = :next,
				  sequence_ended_reason = COALESCE(:ended, sequence_ended_reason)
				WHERE id = :id
				""")
			.param("id", leadId)
			.param("step", step)
			.param("next", Timestamps.of(nextFollowupAt))
			.param("ended", endedReason)
			.update();
	}

	void defer(UUID leadId, Instant nextFollowupAt) {
		this.jdbc.sql("UPDATE leads SET next_followup_at = :next WHERE id = :id")
			.param("id", leadId)
			.param("next", Timestamps.of(nextFollowupAt))
			.update();
	}

	/**
	 * Ends a lead's sequence, saying why (a reply, an opt-out, a permanent provider
	 * error, ...).
	 */
	void end(UUID leadId, String reason) {
		this.jdbc.sql("""
				UPDATE leads SET next_followup_at = NULL, sequence_ended_reason = :reason
				WHERE id = :id AND next_followup_at IS NOT NULL
				""").param("id", leadId).param("reason", reason).update();
	}

	/**
	 * Closes one batch of expired sequences as lost (SPEC 5.6); SKIP LOCKED lets several
	 * instances close disjoint batches, so each lead is closed once. The batch's ids are
	 * collected into an array first: with {@code id IN (subquery)} the generic plan a
	 * prepared statement may switch to joined the batch against all leads by a sequential
	 * scan (found at 1,000,000 leads by the benchmark); {@code = ANY(ARRAY(...))} is
	 * looked up by primary key in every plan.
	 */
	int closeExpiredBatch(Instant now, String reason, int batchSize) {
		return this.jdbc
			.sql("""
					UPDATE leads SET status = 'lost', closed_reason = :reason, closed_at = :now,
					  next_followup_at = NULL, sequence_ended_reason = :reason
					WHERE id = ANY(ARRAY(SELECT id FROM leads WHERE status IN ('new', 'contacted') AND sequence_expires_at <= :now
					                     ORDER BY sequence_expires_at LIMIT :batch FOR UPDATE SKIP LOCKED))
					""")
			.param("reason", reason)
			.param("now", Timestamps.of(now))
			.param("batch", batchSize)
			.update();
	}

	/**
	 * Closes one expired lead found by the follow-up sweep, before it could be texted
	 * (SPEC 5.6).
	 */
	boolean closeExpired(UUID leadId, Instant now, String reason) {
		return this.jdbc.sql("""
				UPDATE leads SET status = 'lost', closed_reason = :reason, closed_at = :now,
				  next_followup_at = NULL, sequence_ended_reason = :reason
				WHERE id = :id AND status IN ('new', 'contacted')
				""").param("id", leadId).param("reason", reason).param("now", Timestamps.of(now)).update() == 1;
	}

	void extend(UUID leadId, Instant expiresAt) {
		this.jdbc.sql("UPDATE leads SET sequence_expires_at = :at WHERE id = :id")
			.param("id", leadId)
			.param("at", Timestamps.of(expiresAt))
			.update();
	}

}
