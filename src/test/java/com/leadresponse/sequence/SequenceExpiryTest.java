package com.leadresponse.sequence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicPass;
import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.Prometheus;
import com.leadresponse.support.SecondInstance;
import com.leadresponse.system.Timestamps;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sequence expiry (SPEC 5.6): expired sequences are closed as lost with the configured
 * period in the reason, in batches of the configured size, each once even with several
 * instances sweeping together, and none of them is texted.
 */
class SequenceExpiryTest extends IntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(SequenceExpiryTest.class);

	private static final String EXPIRED_30 = "Sequence expired (30 days)";

	@Autowired
	private FollowUpSweep followUps;

	@Test
	void tenThousandExpiredLeadsAreClosedByOnePassEachOnceAndNoneIsTexted() {
		insertExpiredLeadsWithDueFollowUps(10_000);
		double expiredBefore = expiredMetric(this.http);

		long started = System.nanoTime();
		Http.Answer pass = this.http.get("/api/cron/process-followups", "Authorization", "Bearer " + CRON_SECRET);
		log.info("One pass closed 10,000 expired sequences in {} ms",
				Duration.ofNanos(System.nanoTime() - started).toMillis());

		assertThat(pass.status()).isEqualTo(200);
		assertThat(pass.json().get("expired").asInt()).isEqualTo(10_000);
		assertThat(pass.json().get("processed").asInt()).isZero();
		assertAllClosedAsExpired(10_000);
		assertThat(expiredMetric(this.http) - expiredBefore).isEqualTo(10_000);
		assertNobodyTexted();
	}

	@Test
	void twoInstancesSweepingTogetherCloseEachExpiredLeadOnce() {
		SecondInstance second = secondInstance();
		insertExpiredLeadsWithDueFollowUps(10_000);
		double expiredBefore = expiredMetric(this.http) + expiredMetric(second.http());
		PeriodicPass[] instances = { this.periodicPass, second.bean(PeriodicPass.class) };

		List<PeriodicPass.Result> passes = Concurrently.run(2, (i) -> instances[i].runOnce());

		log.info("Two instances closed {} and {} expired sequences", passes.get(0).expired(), passes.get(1).expired());
		assertThat(passes.get(0).expired() + passes.get(1).expired()).isEqualTo(10_000);
		assertThat(passes.get(0).processed() + passes.get(1).processed()).isZero();
		assertAllClosedAsExpired(10_000);
		assertThat(expiredMetric(this.http) + expiredMetric(second.http()) - expiredBefore).isEqualTo(10_000);
		assertNobodyTexted();
	}

	@Test
	void expiryClosesInStatementsOfTheConfiguredBatchSize() {
		this.jdbc.sql("UPDATE settings SET expiry_batch_size = 7").update();
		insertExpiredLeadsWithDueFollowUps(100);
		// Records how many leads each UPDATE statement closed as expired.
		this.jdbc.sql("CREATE TABLE test_expiry_statements (id serial PRIMARY KEY, closed integer NOT NULL)").update();
		this.jdbc.sql("""
				CREATE FUNCTION test_record_expiry_statement() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  INSERT INTO test_expiry_statements (closed)
				    SELECT count(*) FROM closed_rows WHERE closed_reason LIKE 'Sequence expired%';
				  RETURN NULL;
				END $$
				""").update();
		this.jdbc.sql("""
				CREATE TRIGGER test_record_expiry_statement AFTER UPDATE ON leads REFERENCING NEW TABLE AS closed_rows
				FOR EACH STATEMENT EXECUTE FUNCTION test_record_expiry_statement()
				""").update();
		try {
			PeriodicPass.Result pass = this.periodicPass.runOnce();

			assertThat(pass.expired()).isEqualTo(100);
			List<Integer> batches = this.jdbc
				.sql("SELECT closed FROM test_expiry_statements WHERE closed > 0 ORDER BY id")
				.query(Integer.class)
				.list();
			assertThat(batches).hasSize(15);
			assertThat(batches.subList(0, 14)).containsOnly(7);
			assertThat(batches.get(14)).isEqualTo(2);
			assertAllClosedAsExpired(100);
		}
		finally {
			this.jdbc.sql("DROP TRIGGER test_record_expiry_statement ON leads").update();
			this.jdbc.sql("DROP FUNCTION test_record_expiry_statement()").update();
			this.jdbc.sql("DROP TABLE test_expiry_statements").update();
		}
	}

	@Test
	void closedReasonNamesTheConfiguredExpiryPeriod() {
		this.jdbc.sql("UPDATE settings SET sequence_expiry_days = 45").update();
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitAcceptedTo("+15125550134", 1);
		awaitPipelineIdle();
		assertThat(expiresAt(leadId)).isEqualTo(START.plus(Duration.ofDays(45)));

		this.clock.set(START.plus(Duration.ofDays(45)).minusSeconds(1));
		assertThat(this.periodicPass.runOnce().expired()).isZero();
		this.clock.set(START.plus(Duration.ofDays(45)));
		PeriodicPass.Result pass = this.periodicPass.runOnce();

		assertThat(pass.expired()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT closed_reason FROM leads WHERE id = :id AND status = 'lost'")
			.param("id", leadId)
			.query(String.class)
			.single()).isEqualTo("Sequence expired (45 days)");
	}

	@Test
	void extendedLeadIsNotClosedUntilItsNewExpiry() {
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitAcceptedTo("+15125550134", 1);
		awaitPipelineIdle();
		Http.Answer extended = this.http.postJson("/api/leads/" + leadId + "/sequence",
				"{\"action\":\"extend\",\"days\":10}", "Authorization", staffAuth());
		assertThat(extended.status()).isEqualTo(200);
		assertThat(expiresAt(leadId)).isEqualTo(START.plus(Duration.ofDays(40)));

		this.clock.set(START.plus(Duration.ofDays(31)));
		assertThat(this.periodicPass.runOnce().expired()).isZero();
		assertThat(leadStatus(leadId)).isEqualTo("contacted");

		this.clock.set(START.plus(Duration.ofDays(40)));
		assertThat(this.periodicPass.runOnce().expired()).isEqualTo(1);
		assertThat(leadStatus(leadId)).isEqualTo("lost");
	}

	@Test
	void dueFollowUpOfAnExpiredLeadIsNotSentAndTheLeadIsClosed() {
		insertExpiredLeadsWithDueFollowUps(3);

		PassReport sweep = new PassReport();
		this.followUps.run(sweep);

		assertThat(sweep.get(PassReport.SEQUENCES_EXPIRED)).isEqualTo(3);
		assertThat(sweep.get(PassReport.FOLLOW_UPS_SENT)).isZero();
		assertAllClosedAsExpired(3);
		assertNobodyTexted();
	}

	@Test
	void anExpiryCloseByThePassIsToldAsAStatusChangeOfEachLead() {
		registerEndpointFor("lead.status_changed");
		insertExpiredLeadsWithDueFollowUps(3);

		assertThat(this.periodicPass.runOnce().expired()).isEqualTo(3);

		assertStatusChangesToldForEveryExpiredLead(3);
	}

	@Test
	void anExpiryCloseByTheSweepIsToldAsAStatusChangeOfTheLead() {
		registerEndpointFor("lead.status_changed");
		insertExpiredLeadsWithDueFollowUps(1);

		PassReport sweep = new PassReport();
		this.followUps.run(sweep);

		assertThat(sweep.get(PassReport.SEQUENCES_EXPIRED)).isEqualTo(1);
		assertStatusChangesToldForEveryExpiredLead(1);
	}

	private void registerEndpointFor(String event) {
		Http.Answer endpoint = this.http.postJson("/api/webhook-endpoints",
				"{\"url\": \"http://crm.internal/hooks\", \"events\": [\"" + event + "\"]}", "Authorization",
				staffAuth());
		assertThat(endpoint.status()).isEqualTo(201);
	}

	/**
	 * One {@code lead.status_changed} event per closed lead, in the outbox with the
	 * lead's id: from contacted to lost, the expiry's reason, changed by nobody.
	 */
	private void assertStatusChangesToldForEveryExpiredLead(int count) {
		List<java.util.Map<String, Object>> events = this.jdbc.sql("""
				SELECT e.lead_id, e.body::jsonb -> 'data' ->> 'previousStatus' AS previous,
				       e.body::jsonb -> 'data' ->> 'status' AS status, e.body::jsonb -> 'data' ->> 'reason' AS reason,
				       e.body::jsonb -> 'data' ->> 'changedBy' AS changed_by,
				       e.body::jsonb -> 'data' -> 'lead' ->> 'id' AS body_lead
				FROM webhook_events e WHERE e.type = 'lead.status_changed'
				""").query().listOfRows();
		assertThat(events).hasSize(count);
		assertThat(events).allSatisfy((event) -> {
			assertThat(event).containsEntry("previous", "contacted")
				.containsEntry("status", "lost")
				.containsEntry("reason", EXPIRED_30)
				.containsEntry("changed_by", null);
			assertThat(event.get("body_lead")).isEqualTo(event.get("lead_id").toString());
		});
		assertThat(events.stream().map((event) -> event.get("lead_id")).distinct())
			.containsExactlyInAnyOrderElementsOf(this.jdbc.sql("SELECT id FROM leads WHERE closed_reason = :reason")
				.param("reason", EXPIRED_30)
				.query(UUID.class)
				.list());
	}

	/**
	 * Leads created 31 days ago whose 30-day sequence ran out a day ago, each with a
	 * follow-up due an hour ago: texted if expiry were not checked first.
	 */
	private void insertExpiredLeadsWithDueFollowUps(int count) {
		Instant now = this.clock.instant();
		Instant created = now.minus(Duration.ofDays(31));
		this.jdbc
			.sql("""
					INSERT INTO leads (id, name, phone, status, created_at, last_activity_at, sequence_step,
					                   next_followup_at, sequence_expires_at, last_sms_at, sms_count_today, sms_count_reset_at)
					SELECT gen_random_uuid(), 'Expired lead ' || i, '+1512555' || lpad((i - 1)::text, 4, '0'), 'contacted',
					       :created, :created, 1, :due, :expires, :created, 1, :created
					FROM generate_series(1, :count) AS i
					""")
			.param("created", Timestamps.of(created))
			.param("due", Timestamps.of(now.minus(Duration.ofHours(1))))
			.param("expires", Timestamps.of(created.plus(Duration.ofDays(30))))
			.param("count", count)
			.update();
	}

	/** Every lead is lost with the 30-day reason, closed by this pass and ended. */
	private void assertAllClosedAsExpired(int count) {
		assertThat(count("SELECT COUNT(*) FROM leads WHERE closed_reason = 'Sequence expired (30 days)'"))
			.isEqualTo(count);
		assertThat(this.jdbc.sql("""
				SELECT count(*) FROM leads WHERE status = 'lost' AND closed_reason = :reason AND closed_at = :now
				  AND next_followup_at IS NULL AND sequence_ended_reason = :reason
				""")
			.param("reason", EXPIRED_30)
			.param("now", Timestamps.of(this.clock.instant()))
			.query(Integer.class)
			.single()).isEqualTo(count);
		assertThat(count("SELECT count(*) FROM leads WHERE status <> 'lost'")).isZero();
	}

	private void assertNobodyTexted() {
		assertThat(count("SELECT count(*) FROM messages")).isZero();
		assertThat(twilio.received()).isEmpty();
	}

	private Instant expiresAt(UUID leadId) {
		return this.jdbc.sql("SELECT sequence_expires_at FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	private static double expiredMetric(Http instance) {
		return Prometheus.value(instance, "sequences_expired_total");
	}

}
