package com.leadresponse.sms;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.leadresponse.periodic.PeriodicPass;
import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffRole;
import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.Prometheus;
import com.leadresponse.support.SecondInstance;
import com.leadresponse.support.TwilioStandIn;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.leadresponse.support.Prometheus.label;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SMS rate limits (SPEC 5.5): at least a minute between two texts to a lead and at most
 * five per business day, reserved atomically so that concurrent senders, on any number of
 * instances, text a lead once; blocked attempts are stored with their reason and counted
 * by reason.
 */
class SmsRateLimitTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	private static final String TOO_SOON = "Rate limit exceeded: Too soon since last SMS (min 1 minute)";

	private static final String DAILY_LIMIT = "Rate limit exceeded: Daily limit reached (5 per day)";

	@Autowired
	private StaffAccounts staff;

	@Test
	void twentyConcurrentManualSendsTextTheLeadOnce() {
		UUID leadId = leadAfterItsInstantResponse();
		this.clock.advance(Duration.ofMinutes(2));

		List<Http.Answer> answers = Concurrently.run(20,
				(i) -> sendManual(this.http, leadId, "Manual text " + i, false, staffAuth()));

		assertOneSentAndRestTooSoon(leadId, answers);
	}

	@Test
	void concurrentManualSendsOnTwoInstancesTextTheLeadOnce() {
		SecondInstance second = secondInstance();
		UUID leadId = leadAfterItsInstantResponse();
		this.clock.advance(Duration.ofMinutes(2));
		Http[] instances = { this.http, second.http() };

		List<Http.Answer> answers = Concurrently.run(20,
				(i) -> sendManual(instances[i % 2], leadId, "Manual text " + i, false, staffAuth()));

		assertOneSentAndRestTooSoon(leadId, answers);
	}

	@Test
	void followUpsSweptByTwoInstancesAtOnceTextEachLeadOnce() {
		SecondInstance second = secondInstance();
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String phone = "+1512555" + String.format("%04d", 100 + i);
			createLead("Lead " + i, phone);
			phones.add(phone);
		}
		awaitAcceptedCount(30);
		awaitPipelineIdle();
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		PeriodicPass[] instances = { this.periodicPass, second.bean(PeriodicPass.class) };

		List<PeriodicPass.Result> passes = Concurrently.run(2, (i) -> instances[i].runOnce());

		assertThat(passes.get(0).processed() + passes.get(1).processed()).isEqualTo(30);
		awaitAcceptedCount(60);
		awaitPipelineIdle();
		for (String phone : phones) {
			assertThat(twilio.receivedFor(phone)).as(phone).hasSize(2);
		}
		assertThat(count("SELECT count(*) FROM messages WHERE status = 'blocked'")).isZero();
	}

	@Test
	void manualSendRacingAFollowUpOnAnotherInstanceTextsTheLeadOnce() {
		SecondInstance second = secondInstance();
		UUID leadId = leadAfterItsInstantResponse();
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));

		List<Object> outcomes = Concurrently.run(2, (i) -> (i == 0) ? this.periodicPass.runOnce()
				: sendManual(second.http(), leadId, "Are you free today?", false, staffAuth()));

		awaitAcceptedCount(2);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(2);
		Http.Answer manual = (Http.Answer) outcomes.get(1);
		PeriodicPass.Result sweep = (PeriodicPass.Result) outcomes.get(0);
		assertThat(manual.status() == 202 ^ sweep.processed() == 1).as("exactly one of the two sends went out")
			.isTrue();
		// A manual send that wins pauses the sequence, so the sweep skips the lead; a
		// follow-up that wins makes the manual send a blocked attempt.
		assertThat(blockedReasons(leadId)).isEqualTo((manual.status() == 429) ? List.of(TOO_SOON) : List.of());
	}

	@Test
	void sendWithinAMinuteIsBlockedStoredWithItsReasonAndAnswered429() {
		UUID leadId = leadAfterItsInstantResponse();
		double before = blocked("too_soon");
		this.clock.advance(Duration.ofSeconds(59));

		Http.Answer answer = sendManual(this.http, leadId, "Quick follow-up", false, staffAuth());

		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.json().get("success").asBoolean()).isFalse();
		assertThat(answer.json().get("error").asString()).isEqualTo(TOO_SOON);
		assertThat(answer.header("Retry-After")).isEqualTo("1");
		assertThat(blockedReasons(leadId)).containsExactly(TOO_SOON);
		assertThat(blocked("too_soon") - before).isEqualTo(1);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void sixthSendOfTheBusinessDayIsBlockedStoredWithItsReasonAndAnswered429() {
		UUID leadId = leadAfterItsInstantResponse();
		double before = blocked("daily_limit");
		for (int i = 2; i <= 5; i++) {
			this.clock.advance(Duration.ofSeconds(60));
			assertThat(sendManual(this.http, leadId, "Text " + i, false, staffAuth()).status()).isEqualTo(202);
		}
		this.clock.advance(Duration.ofSeconds(60));

		Http.Answer sixth = sendManual(this.http, leadId, "Text 6", false, staffAuth());

		assertThat(sixth.status()).isEqualTo(429);
		assertThat(sixth.json().get("error").asString()).isEqualTo(DAILY_LIMIT);
		assertThat(blockedReasons(leadId)).containsExactly(DAILY_LIMIT);
		assertThat(blocked("daily_limit") - before).isEqualTo(1);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(5);
		assertThat(count("SELECT COUNT(*) FROM messages WHERE status = 'blocked'")).isEqualTo(1);
	}

	@Test
	void dailyCountStartsAgainAtMidnightInTheBusinessZone() {
		UUID leadId = leadAfterItsInstantResponse();
		for (int i = 2; i <= 5; i++) {
			this.clock.advance(Duration.ofSeconds(60));
			sendManual(this.http, leadId, "Text " + i, false, staffAuth());
		}
		// Midnight in Chicago (UTC-6 in early March), six hours after midnight in UTC.
		this.clock.set(Instant.parse("2026-03-04T05:59:59Z"));
		Http.Answer beforeMidnight = sendManual(this.http, leadId, "Late text", false, staffAuth());
		this.clock.set(Instant.parse("2026-03-04T06:00:00Z"));

		Http.Answer afterMidnight = sendManual(this.http, leadId, "Good morning", false, staffAuth());

		assertThat(beforeMidnight.status()).isEqualTo(429);
		assertThat(beforeMidnight.header("Retry-After")).isEqualTo("1");
		assertThat(afterMidnight.status()).isEqualTo(202);
		assertThat(this.jdbc.sql("SELECT sms_count_today FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT sms_count_reset_at FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(OffsetDateTime.class)
			.single()
			.toInstant()).isEqualTo(Instant.parse("2026-03-04T06:00:00Z"));
	}

	@Test
	void sendToAnOptedOutLeadIsBlockedStoredWithItsReasonAndAnswered409() {
		UUID leadId = leadAfterItsInstantResponse();
		double before = blocked("opted_out");
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "5".repeat(32), PHONE, "STOP"));
		this.clock.advance(Duration.ofMinutes(5));

		Http.Answer answer = sendManual(this.http, leadId, "Still there?", true, staffAuth());

		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.json().get("error").asString()).isEqualTo("Recipient opted out");
		assertThat(blockedReasons(leadId)).containsExactly("Recipient opted out");
		assertThat(blocked("opted_out") - before).isEqualTo(1);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void manualSendThatLeavesOutTheBypassFlagIsLimited() {
		UUID leadId = leadAfterItsInstantResponse();

		Http.Answer answer = this.http.postJson("/api/leads/" + leadId + "/messages", "{\"body\":\"Hello again\"}",
				"Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(429);
		assertThat(blockedReasons(leadId)).containsExactly(TOO_SOON);
	}

	@Test
	void adminMayBypassTheLimitsExplicitlyAndAnAgentMayNot() {
		this.staff.create("agent@example.com", "Alex Agent", "agent-password-1", StaffRole.AGENT);
		String agent = Http.basic("agent@example.com", "agent-password-1");
		UUID leadId = leadAfterItsInstantResponse();

		Http.Answer agentBypass = sendManual(this.http, leadId, "From the agent", true, agent);
		Http.Answer adminBypass = sendManual(this.http, leadId, "From the owner", true, staffAuth());

		assertThat(agentBypass.status()).isEqualTo(403);
		assertThat(adminBypass.status()).isEqualTo(202);
		awaitAcceptedTo(PHONE, 2);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).extracting(TwilioStandIn.Received::body)
			.containsExactly(twilio.receivedFor(PHONE).get(0).body(), "From the owner");
		assertThat(count("SELECT count(*) FROM messages WHERE status = 'blocked'")).isZero();
	}

	@Test
	void blockedFollowUpIsDeferredToTheNextAllowedMomentNotDropped() {
		UUID leadId = leadAfterItsInstantResponse();
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		assertThat(sendManual(this.http, leadId, "Calling you now", false, staffAuth()).status()).isEqualTo(202);
		assertThat(this.http
			.postJson("/api/leads/" + leadId + "/sequence", "{\"action\":\"resume\"}", "Authorization", staffAuth())
			.status()).isEqualTo(200);
		Instant manualAt = this.clock.instant();

		assertThat(this.periodicPass.runOnce().processed()).isZero();

		assertThat(this.jdbc.sql("SELECT error_message FROM messages WHERE status = 'blocked' AND sequence_step = 2")
			.query(String.class)
			.list()).containsExactly(TOO_SOON);
		assertThat(this.jdbc.sql("SELECT next_followup_at FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(OffsetDateTime.class)
			.single()
			.toInstant()).isEqualTo(manualAt.plusSeconds(60));

		this.clock.advance(Duration.ofSeconds(60));

		assertThat(this.periodicPass.runOnce().processed()).isEqualTo(1);
		awaitAcceptedTo(PHONE, 3);
	}

	private UUID leadAfterItsInstantResponse() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitAcceptedTo(PHONE, 1);
		awaitPipelineIdle();
		return leadId;
	}

	private void assertOneSentAndRestTooSoon(UUID leadId, List<Http.Answer> answers) {
		assertThat(answers).extracting(Http.Answer::status).filteredOn((s) -> s == 202).hasSize(1);
		assertThat(answers).extracting(Http.Answer::status).filteredOn((s) -> s == 429).hasSize(19);
		assertThat(answers).filteredOn((a) -> a.status() == 429)
			.allSatisfy((a) -> assertThat(a.json().get("error").asString()).isEqualTo(TOO_SOON));
		awaitAcceptedTo(PHONE, 2);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(2);
		assertThat(twilio.receivedFor(PHONE).get(1).body()).startsWith("Manual text ");
		assertThat(blockedReasons(leadId)).hasSize(19).containsOnly(TOO_SOON);
		assertThat(this.jdbc.sql("SELECT sms_count_today FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	private void awaitAcceptedCount(int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> twilio.accepted().size() >= count);
	}

	private List<String> blockedReasons(UUID leadId) {
		return this.jdbc.sql("SELECT error_message FROM messages WHERE lead_id = :id AND status = 'blocked'")
			.param("id", leadId)
			.query(String.class)
			.list();
	}

	private double blocked(String reason) {
		return Prometheus.value(this.http, "sms_blocked_total", label("reason", reason));
	}

	private static Http.Answer sendManual(Http instance, UUID leadId, String body, boolean bypass, String auth) {
		return instance.postJson("/api/leads/" + leadId + "/messages",
				"{\"body\":\"" + body + "\",\"bypassRateLimit\":" + bypass + "}", "Authorization", auth);
	}

}
