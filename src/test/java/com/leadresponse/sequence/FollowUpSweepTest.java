package com.leadresponse.sequence;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.periodic.PeriodicPass;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The periodic sweep sends due follow-ups as one batch (SPEC 5.2, 5.9), queued with a few
 * statements for the whole batch: the same checks as one follow-up at a time, each lead's
 * own outcome.
 */
class FollowUpSweepTest extends IntegrationTest {

	@Test
	void eachDueFollowUpOfASweepIsSentOnceAndRecordedSent() {
		List<String> phones = List.of("+15125550134", "+15125550135", "+15125550136");
		phones.forEach((phone) -> createLead("Maria Lopez", phone));
		phones.forEach((phone) -> awaitAcceptedTo(phone, 1));
		awaitPipelineIdle();

		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		PeriodicPass.Result pass = this.periodicPass.runOnce();

		assertThat(pass.processed()).isEqualTo(3);
		awaitPipelineIdle();
		phones.forEach((phone) -> assertThat(twilio.receivedFor(phone)).hasSize(2));
		assertThat(twilio.receivedFor("+15125550134").get(1).body()).contains("following up");
		assertThat(count("SELECT count(*) FROM messages WHERE status = 'sent' AND provider_sid IS NOT NULL"))
			.isEqualTo(6);
		assertThat(twilio.violations()).isEmpty();
	}

	@Test
	void leadsOfOneBatchAtDifferentStepsEachGetTheirOwnStepAndNextTime() {
		UUID second = createLead("Ana Ruiz", "+15125550134");
		UUID third = createLead("Bo Chen", "+15125550135");
		UUID last = createLead("Cy Diaz", "+15125550136");
		awaitPipelineIdle();
		Instant due = this.clock.instant().plus(Duration.ofDays(1));
		this.jdbc.sql("UPDATE leads SET sequence_step = 2, next_followup_at = :due WHERE id = :id")
			.param("due", OffsetDateTime.ofInstant(due, java.time.ZoneOffset.UTC))
			.param("id", third)
			.update();
		this.jdbc.sql("UPDATE leads SET sequence_step = 4, next_followup_at = :due WHERE id = :id")
			.param("due", OffsetDateTime.ofInstant(due, java.time.ZoneOffset.UTC))
			.param("id", last)
			.update();
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		Instant now = this.clock.instant();

		this.periodicPass.runOnce();
		awaitPipelineIdle();

		Map<UUID, Map<String, Object>> leads = leadsById();
		assertThat(leads.get(second)).containsEntry("sequence_step", 2)
			.containsEntry("next_followup_at", now.plus(Duration.ofMinutes(4320)));
		assertThat(leads.get(third)).containsEntry("sequence_step", 3)
			.containsEntry("next_followup_at", now.plus(Duration.ofMinutes(10080)));
		// The fifth step is the last: the sequence ends as completed.
		assertThat(leads.get(last)).containsEntry("sequence_step", 5).containsEntry("next_followup_at", null);
		assertThat(twilio.receivedFor("+15125550134").get(1).body()).startsWith("Hi Ana, following up");
		assertThat(twilio.receivedFor("+15125550135").get(1).body()).startsWith("Hi Bo, Our team here");
		assertThat(twilio.receivedFor("+15125550136").get(1).body()).startsWith("Hi Cy, last check-in");
		assertThat(this.jdbc.sql("SELECT sequence_step FROM messages WHERE lead_id = :id ORDER BY created_at")
			.param("id", last)
			.query(Integer.class)
			.list()).containsExactly(1, 5);
	}

	@Test
	void aLeadOfTheBatchTextedTooRecentlyIsBlockedAndDeferredAndTheOthersGo() {
		List<String> phones = List.of("+15125550134", "+15125550135", "+15125550136");
		phones.forEach((phone) -> createLead("Maria Lopez", phone));
		awaitPipelineIdle();
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		Instant now = this.clock.instant();
		// Texted 10 seconds ago outside the sequence (another system, say): too soon.
		this.jdbc.sql("UPDATE leads SET last_sms_at = :at WHERE phone = '+15125550135'")
			.param("at", OffsetDateTime.ofInstant(now.minusSeconds(10), java.time.ZoneOffset.UTC))
			.update();

		this.periodicPass.runOnce();
		awaitPipelineIdle();

		assertThat(twilio.receivedFor("+15125550134")).hasSize(2);
		assertThat(twilio.receivedFor("+15125550135")).hasSize(1);
		assertThat(twilio.receivedFor("+15125550136")).hasSize(2);
		assertThat(this.jdbc.sql("""
				SELECT m.error_message FROM messages m JOIN leads l ON l.id = m.lead_id
				WHERE l.phone = '+15125550135' AND m.status = 'blocked'
				""").query(String.class).single())
			.isEqualTo("Rate limit exceeded: Too soon since last SMS (min 1 minute)");
		assertThat(this.jdbc.sql("SELECT sequence_step, next_followup_at FROM leads WHERE phone = '+15125550135'")
			.query((rs, row) -> List.of(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
			.single()).containsExactly(1, now.plusSeconds(50));
		// The blocked text's slot of the hour's cap was given back: the hour counts what
		// went.
		assertThat(count("SELECT texts FROM automatic_text_hours WHERE hour_start = date_trunc('hour', " + "CAST('"
				+ now + "' AS timestamptz))"))
			.isEqualTo(2);
	}

	@Test
	void aBatchLargerThanWhatIsLeftOfTheHourlyCapSendsTheFirstAndHoldsTheRestForTheNextHour() {
		List<String> phones = List.of("+15125550134", "+15125550135", "+15125550136", "+15125550137");
		phones.forEach((phone) -> createLead("Maria Lopez", phone));
		awaitPipelineIdle();
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		Instant now = this.clock.instant();
		this.http.patchJson("/api/settings", "{\"outboundHourlyCap\": 2}", "Authorization", staffAuth());

		this.periodicPass.runOnce();
		awaitPipelineIdle();

		assertThat(phones.stream().filter((phone) -> twilio.receivedFor(phone).size() == 2)).hasSize(2);
		Instant nextHour = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));
		assertThat(this.jdbc.sql("SELECT next_followup_at FROM leads WHERE sequence_step = 1")
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.list()).hasSize(2).containsOnly(nextHour);
		assertThat(count("SELECT count(*) FROM messages WHERE status = 'blocked'")).isZero();

		this.clock.set(nextHour);
		this.periodicPass.runOnce();
		awaitPipelineIdle();

		assertThat(phones).allSatisfy((phone) -> assertThat(twilio.receivedFor(phone)).hasSize(2));
	}

	@Test
	void statusCallbacksThatComeBeforeTheBatchsAcceptancesAreStoredAreAppliedWithThem() {
		List<String> phones = List.of("+15125550134", "+15125550135", "+15125550136");
		phones.forEach((phone) -> createLead("Maria Lopez", phone));
		awaitPipelineIdle();
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		// Twilio's callback for each follow-up beats the sweep's record of the batch: it
		// is answered, and kept for the acceptance, as the callback of a single send is.
		java.util.Set<String> called = java.util.concurrent.ConcurrentHashMap.newKeySet();
		java.util.Set<String> parked = java.util.concurrent.ConcurrentHashMap.newKeySet();
		twilio.afterAccept(() -> twilio.accepted()
			.stream()
			.filter((accepted) -> called.add(accepted.sid()))
			.forEach((accepted) -> {
				assertThat(postSignedWebhook("/api/webhooks/twilio/status",
						statusCallback(accepted.sid(), accepted.to(), "delivered", null))
					.status()).isEqualTo(204);
				if (count("SELECT count(*) FROM early_status_callbacks WHERE provider_sid = '" + accepted.sid()
						+ "'") == 1) {
					parked.add(accepted.sid());
				}
			}));

		this.periodicPass.runOnce();
		awaitPipelineIdle();

		assertThat(this.jdbc.sql("SELECT status FROM messages WHERE sequence_step = 2").query(String.class).list())
			.hasSize(3)
			.containsOnly("delivered");
		assertThat(count("SELECT count(*) FROM early_status_callbacks")).isZero();
		// Each was kept for the batch's record, which applied it.
		assertThat(parked).hasSize(3);
	}

	private Map<UUID, Map<String, Object>> leadsById() {
		Map<UUID, Map<String, Object>> leads = new java.util.HashMap<>();
		this.jdbc.sql("SELECT id, sequence_step, next_followup_at FROM leads").query((rs, row) -> {
			Map<String, Object> lead = new java.util.HashMap<>();
			lead.put("sequence_step", rs.getInt("sequence_step"));
			OffsetDateTime next = rs.getObject("next_followup_at", OffsetDateTime.class);
			lead.put("next_followup_at", (next != null) ? next.toInstant() : null);
			return leads.put(rs.getObject("id", UUID.class), lead);
		}).list();
		return leads;
	}

}
