package com.leadresponse.sequence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.system.CacheProperties;
import com.leadresponse.system.CachedRead;
import com.leadresponse.system.ChangeNotices;
import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of sequences: the editable steps, the due sweep, the expiry pass and the
 * controls staff have (pause, resume, extend). The steps are read by every new lead's
 * instant response and every sweep, so each instance keeps them ({@link CachedRead}),
 * dropped on every instance when they are edited (V76).
 */
@Repository
class SequenceRepository {

	static final String STEPS_CHANNEL = "sequence_steps_changed";

	private final JdbcClient jdbc;

	private final CachedRead<List<SequenceStep>> steps;

	SequenceRepository(JdbcClient jdbc, ChangeNotices notices, CacheProperties caches) {
		this.jdbc = jdbc;
		this.steps = notices.cache(STEPS_CHANNEL, caches.ttl(),
				() -> List.copyOf(this.jdbc.sql("SELECT * FROM sequence_steps ORDER BY step_number")
					.query((rs, row) -> new SequenceStep(rs.getInt("step_number"),
							Duration.ofMinutes(rs.getInt("delay_minutes")), rs.getString("template")))
					.list()));
	}

	List<SequenceStep> steps() {
		return this.steps.get();
	}

	void replaceSteps(List<SequenceStep> steps) {
		this.steps.changedOnCommit();
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
	List<SequenceLead> lockDue(Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT id, name, phone, source, sequence_step, sequence_expires_at FROM leads
				WHERE next_followup_at <= :now AND next_followup_at IS NOT NULL AND sequence_paused_at IS NULL
				  AND status IN ('new', 'contacted')
				ORDER BY next_followup_at LIMIT :limit
				FOR UPDATE SKIP LOCKED
				""")
			.param("now", Timestamps.of(now))
			.param("limit", limit)
			.query((rs, row) -> new SequenceLead(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("phone"), rs.getString("source"), rs.getInt("sequence_step"),
					Timestamps.read(rs, "sequence_expires_at")))
			.list();
	}

	/** A step went out and the next one is due at {@code nextFollowupAt}. */
	void advance(UUID leadId, int step, Instant nextFollowupAt) {
		this.jdbc.sql("UPDATE leads SET sequence_step = :step, next_followup_at = :next WHERE id = :id")
			.param("id", leadId)
			.param("step", step)
			.param("next", Timestamps.of(nextFollowupAt))
			.update();
	}

	/** A lead's step that went out, and when its next one is due. */
	record Advance(UUID leadId, int step, Instant nextFollowupAt) {
	}

	/** As {@link #advance}, for a batch of leads: one statement. */
	void advanceAll(List<Advance> advances) {
		if (advances.isEmpty()) {
			return;
		}
		Instant base = advances.get(0).nextFollowupAt();
		this.jdbc
			.sql("""
					UPDATE leads l SET sequence_step = v.step,
					  next_followup_at = CAST(:base AS timestamptz) + v.after_micros * interval '1 microsecond'
					FROM unnest(CAST(:ids AS uuid[]), CAST(:steps AS int[]), CAST(:after AS bigint[])) AS v(id, step, after_micros)
					WHERE l.id = v.id
					""")
			.param("ids", advances.stream().map(Advance::leadId).toArray(UUID[]::new))
			.param("steps", advances.stream().map(Advance::step).toArray(Integer[]::new))
			.param("after",
					advances.stream()
						.map((a) -> java.time.temporal.ChronoUnit.MICROS.between(base, a.nextFollowupAt()))
						.toArray(Long[]::new))
			.param("base", Timestamps.of(base))
			.update();
	}

	/** The last step went out: the sequence ends as completed. */
	void complete(UUID leadId, int step) {
		this.jdbc.sql("UPDATE leads SET sequence_step = :step, " + SequenceEnd.ENDS + " WHERE id = :id")
			.param("id", leadId)
			.param("step", step)
			.param("endedReason", EndReason.COMPLETED.text())
			.update();
	}

	/**
	 * The condition of a sequence that waits for its first contact: a caller's lead,
	 * whose first step a missed-call text or an answered call takes (SPEC 8).
	 */
	private static final String WAITING_FOR_FIRST_CONTACT = """
			sequence_step = 0 AND next_followup_at IS NULL AND sequence_expires_at IS NOT NULL
			  AND sequence_ended_reason IS NULL AND status IN ('new', 'contacted')""";

	/**
	 * SPEC 8: a waiting sequence goes on from its second step, due at
	 * {@code nextFollowupAt}, paused from {@code pausedAt} when a person made the contact
	 * (null otherwise). False when the lead's sequence was not waiting.
	 */
	boolean startAtSecondStep(UUID leadId, Instant nextFollowupAt, Instant pausedAt) {
		return this.jdbc
			.sql("UPDATE leads SET sequence_step = 1, next_followup_at = :next, sequence_paused_at = :pausedAt"
					+ " WHERE id = :id AND " + WAITING_FOR_FIRST_CONTACT)
			.param("id", leadId)
			.param("next", Timestamps.of(nextFollowupAt))
			.param("pausedAt", Timestamps.of(pausedAt))
			.update() == 1;
	}

	/** SPEC 8: a waiting one-step sequence is complete once its first contact is made. */
	boolean completeWaiting(UUID leadId) {
		return this.jdbc
			.sql("UPDATE leads SET sequence_step = 1, sequence_ended_reason = :endedReason WHERE id = :id AND "
					+ WAITING_FOR_FIRST_CONTACT)
			.param("id", leadId)
			.param("endedReason", EndReason.COMPLETED.text())
			.update() == 1;
	}

	void defer(UUID leadId, Instant nextFollowupAt) {
		this.jdbc.sql("UPDATE leads SET next_followup_at = :next WHERE id = :id")
			.param("id", leadId)
			.param("next", Timestamps.of(nextFollowupAt))
			.update();
	}

	/**
	 * Closes one batch of expired sequences as lost (SPEC 5.6) and answers each lead with
	 * the status it had; SKIP LOCKED lets several instances close disjoint batches, so
	 * each lead is closed once.
	 */
	List<SequenceEvents.ExpiredLead> closeExpiredBatch(Instant now, EndReason reason, int batchSize) {
		return closeAsExpired("""
				SELECT id, status FROM leads WHERE status IN ('new', 'contacted') AND sequence_expires_at <= :now
				ORDER BY sequence_expires_at LIMIT :batch FOR UPDATE SKIP LOCKED""", now, reason)
			.param("batch", batchSize)
			.query(EXPIRED)
			.list();
	}

	/**
	 * Closes one expired lead found by the follow-up sweep, before it could be texted
	 * (SPEC 5.6); answers the status it had, empty when it was no longer new or
	 * contacted.
	 */
	Optional<SequenceEvents.ExpiredLead> closeExpired(UUID leadId, Instant now, EndReason reason) {
		return closeAsExpired(
				"SELECT id, status FROM leads WHERE id = :id AND status IN ('new', 'contacted') FOR UPDATE", now,
				reason)
			.param("id", leadId)
			.query(EXPIRED)
			.optional();
	}

	/**
	 * The one statement of an expiry close: the leads {@code due} selects (and locks,
	 * with their status) are closed as lost, their sequence ended, and answered with the
	 * status they had. Their ids are collected into an array for the update: with
	 * {@code id IN (subquery)} the generic plan a prepared statement may switch to joined
	 * the batch against all leads by a sequential scan (found at 1,000,000 leads by the
	 * benchmark); {@code = ANY(ARRAY(...))} is looked up by primary key in every plan.
	 */
	private JdbcClient.StatementSpec closeAsExpired(String due, Instant now, EndReason reason) {
		return this.jdbc.sql("WITH due AS MATERIALIZED (" + due + """
				),
				closed AS (
				  UPDATE leads SET status = 'lost', closed_reason = :reason, closed_at = :now,
				""" + SequenceEnd.ENDS + """

				  WHERE id = ANY(ARRAY(SELECT id FROM due)) RETURNING id)
				SELECT due.id, due.status FROM due JOIN closed ON closed.id = due.id
				""")
			.param("reason", reason.text())
			.param("endedReason", reason.text())
			.param("now", Timestamps.of(now));
	}

	private static final RowMapper<SequenceEvents.ExpiredLead> EXPIRED = (rs,
			row) -> new SequenceEvents.ExpiredLead(rs.getObject("id", UUID.class), rs.getString("status"));

	/**
	 * Pauses a running sequence; answers whether it was running (an ended one stays so).
	 */
	boolean pause(UUID leadId, Instant now) {
		return this.jdbc.sql("""
				UPDATE leads SET sequence_paused_at = :now
				WHERE id = :id AND sequence_paused_at IS NULL AND next_followup_at IS NOT NULL
				""").param("id", leadId).param("now", Timestamps.of(now)).update() == 1;
	}

	/** Answers whether the sequence was paused. */
	boolean resume(UUID leadId) {
		return this.jdbc
			.sql("UPDATE leads SET sequence_paused_at = NULL WHERE id = :id AND sequence_paused_at IS NOT NULL")
			.param("id", leadId)
			.update() == 1;
	}

	/**
	 * Starts an ended sequence again at its next step, due {@code nextFollowupAt}, for an
	 * open lead that may still be texted; a sequence past its expiry gets a new one.
	 * Answers whether it started.
	 */
	boolean restart(UUID leadId, Instant nextFollowupAt, Instant newExpiry, Instant now) {
		return this.jdbc.sql("""
				UPDATE leads SET next_followup_at = :next, sequence_paused_at = NULL, sequence_ended_reason = NULL,
				  sequence_expires_at = CASE WHEN sequence_expires_at IS NULL OR sequence_expires_at <= :now
				                             THEN :expiry ELSE sequence_expires_at END
				WHERE id = :id AND next_followup_at IS NULL AND status IN ('new', 'contacted')
				  AND opted_out_at IS NULL AND unreachable_at IS NULL
				""")
			.param("id", leadId)
			.param("next", Timestamps.of(nextFollowupAt))
			.param("expiry", Timestamps.of(newExpiry))
			.param("now", Timestamps.of(now))
			.update() == 1;
	}

	/** The step a lead's sequence reached. */
	int stepOf(UUID leadId) {
		return this.jdbc.sql("SELECT sequence_step FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(Integer.class)
			.single();
	}

	/** Moves the expiry to {@code expiresAt}, from the current one or from now. */
	void extend(UUID leadId, Duration extra, Instant now) {
		this.jdbc
			.sql("""
					UPDATE leads SET sequence_expires_at = COALESCE(sequence_expires_at, :now) + :extra * interval '1 second'
					WHERE id = :id
					""")
			.param("id", leadId)
			.param("now", Timestamps.of(now))
			.param("extra", extra.toSeconds())
			.update();
	}

}
