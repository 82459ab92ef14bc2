package com.leadresponse.review;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.periodic.PeriodicPass;
import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffRole;
import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC 11 review requests, with the settable clock: one text after a lead is won, after
 * the delay and not before; not at all when staff turned it off for the lead, when the
 * lead opted out or when the setting is off; never twice, even won, reopened and won
 * again, even with two instances sweeping at once; quiet hours and the rate limit apply.
 */
class ReviewRequestTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	private static final String LINK = "https://g.page/r/lone-star-boring/review";

	private static final String AGENT_EMAIL = "agent@example.com";

	private static final String AGENT_PASSWORD = "agent-password-1";

	@Autowired
	StaffAccounts staff;

	@BeforeEach
	void reviewRequestsOn() {
		this.jdbc.sql("UPDATE settings SET review_request_enabled = true, review_link = :link")
			.param("link", LINK)
			.update();
		this.staff.create(AGENT_EMAIL, "Agent Smith", AGENT_PASSWORD, StaffRole.AGENT);
	}

	@Test
	void aWonLeadIsAskedOnceAfterTheDelayAndNotBefore() {
		UUID lead = wonLead();

		this.clock.advance(Duration.ofDays(2).minusMinutes(1));
		this.periodicPass.runOnce();
		assertThat(reviewTexts(lead)).isEmpty();

		this.clock.advance(Duration.ofMinutes(2));
		this.periodicPass.runOnce();
		awaitAcceptedTo(PHONE, 2);
		assertThat(twilio.receivedFor(PHONE).get(1).body())
			.isEqualTo("Thanks for choosing Our team, Maria! Would you take a minute to review us? " + LINK);

		this.clock.advance(Duration.ofDays(3));
		this.periodicPass.runOnce();
		awaitPipelineIdle();
		assertThat(reviewTexts(lead)).hasSize(1);
		assertThat(state(lead).get("status").asString()).isEqualTo("sent");
	}

	@Test
	void theDelayTemplateAndLinkAreSettings() {
		this.jdbc
			.sql("UPDATE settings SET review_delay_days = 5, review_template = '{firstName}, review us: {reviewLink}'")
			.update();
		UUID lead = wonLead();

		this.clock.advance(Duration.ofDays(4));
		this.periodicPass.runOnce();
		assertThat(reviewTexts(lead)).isEmpty();
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		this.periodicPass.runOnce();

		awaitAcceptedTo(PHONE, 2);
		assertThat(twilio.receivedFor(PHONE).get(1).body()).isEqualTo("Maria, review us: " + LINK);
	}

	@Test
	void noRequestWhenStaffTurnedItOffForTheLead() {
		UUID lead = wonLead();

		Http.Answer off = this.http.putJson("/api/leads/" + lead + "/review-request", "{\"enabled\": false}",
				"Authorization", Http.basic(AGENT_EMAIL, AGENT_PASSWORD));
		afterTheDelay();

		assertThat(off.status()).isEqualTo(200);
		assertThat(off.json().get("enabled").asBoolean()).isFalse();
		assertThat(reviewTexts(lead)).isEmpty();
		assertThat(state(lead).get("status").asString()).isEqualTo("skipped");
		assertThat(state(lead).get("reason").asString()).isEqualTo("Turned off for this lead");
	}

	@Test
	void staffTurnItOffFromTheLeadPageBeforeTheWin() {
		UUID lead = createLead("Maria Lopez", PHONE);
		StaffSession agent = StaffSession.signIn(this.port, AGENT_EMAIL, AGENT_PASSWORD);
		assertThat(agent.get("/leads/" + lead).body()).contains("Review request").contains("Don’t ask for a review");

		agent.post("/leads/" + lead + "/review-request", Map.of("enabled", "false"));
		agent.post("/leads/" + lead + "/status", Map.of("status", "won"));
		afterTheDelay();

		assertThat(agent.get("/leads/" + lead).body()).contains("Turned off for this lead")
			.contains("Ask for a review");
		assertThat(reviewTexts(lead)).isEmpty();
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_log WHERE action = 'lead.review_request_off'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void noRequestToALeadWhoOptedOut() {
		UUID lead = wonLead();
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "a".repeat(32), PHONE, "STOP"));

		afterTheDelay();

		assertThat(reviewTexts(lead)).isEmpty();
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'outbound' AND status = 'blocked'")).isZero();
		assertThat(state(lead).get("reason").asString()).isEqualTo("Recipient opted out");
	}

	@Test
	void noRequestWhileTheSettingIsOff() {
		this.jdbc.sql("UPDATE settings SET review_request_enabled = NULL").update();
		UUID lead = wonLead();

		afterTheDelay();

		assertThat(reviewTexts(lead)).isEmpty();
		assertThat(state(lead).get("status").isNull()).isTrue();
	}

	@Test
	void aRequestDueAfterTheSettingWasTurnedOffDoesNotGo() {
		UUID lead = wonLead();
		this.jdbc.sql("UPDATE settings SET review_request_enabled = false").update();

		afterTheDelay();

		assertThat(reviewTexts(lead)).isEmpty();
		assertThat(state(lead).get("reason").asString()).isEqualTo("Review requests are turned off in the settings");
	}

	@Test
	void neverTwiceEvenWonReopenedAndWonAgain() {
		UUID lead = wonLead();
		afterTheDelay();
		awaitAcceptedTo(PHONE, 2);

		status(lead, "contacted");
		status(lead, "won");
		this.clock.advance(Duration.ofDays(10));
		this.periodicPass.runOnce();
		awaitPipelineIdle();

		assertThat(reviewTexts(lead)).hasSize(1);
	}

	@Test
	void aLeadReopenedBeforeItsRequestWentIsAskedOnceAfterItsNextWin() {
		UUID lead = wonLead();
		this.clock.advance(Duration.ofDays(1));
		status(lead, "contacted");
		this.clock.advance(Duration.ofDays(2));
		this.periodicPass.runOnce();
		assertThat(reviewTexts(lead)).isEmpty();

		status(lead, "won");
		this.clock.advance(Duration.ofDays(2).plusMinutes(1));
		this.periodicPass.runOnce();
		this.periodicPass.runOnce();

		awaitAcceptedTo(PHONE, 2);
		awaitPipelineIdle();
		assertThat(reviewTexts(lead)).hasSize(1);
	}

	@Test
	void twoInstancesSweepingAtOnceSendItOnce() {
		UUID lead = wonLead();
		PeriodicPass other = secondInstance().bean(PeriodicPass.class);
		this.clock.advance(Duration.ofDays(2).plusMinutes(1));

		Concurrently.run(4, (i) -> ((i % 2 == 0) ? this.periodicPass : other).runOnce());
		Concurrently.run(4, (i) -> ((i % 2 == 0) ? this.periodicPass : other).runOnce());

		awaitAcceptedTo(PHONE, 2);
		awaitPipelineIdle();
		assertThat(reviewTexts(lead)).hasSize(1);
		assertThat(twilio.receivedFor(PHONE)).hasSize(2);
	}

	@Test
	void twoInstancesWinningTheSameLeadAtOnceArmOneRequest() {
		UUID lead = createLead("Maria Lopez", PHONE);
		awaitAcceptedTo(PHONE, 1);
		Http second = secondInstance().http();

		List<Integer> answers = Concurrently.run(2,
				(i) -> ((i == 0) ? this.http : second)
					.postJson("/api/leads/" + lead + "/status", "{\"status\": \"won\"}", "Authorization", staffAuth())
					.status());
		afterTheDelay();

		assertThat(answers).containsOnly(200);
		awaitAcceptedTo(PHONE, 2);
		awaitPipelineIdle();
		assertThat(reviewTexts(lead)).hasSize(1);
	}

	@Test
	void quietHoursHoldTheRequestUntilMorning() {
		this.jdbc.sql("UPDATE settings SET review_delay_days = 0").update();
		// Tuesday 22:00 in Chicago (the lead's zone, from 512): quiet until 08:00.
		this.clock.set(Instant.parse("2026-03-04T04:00:00Z"));
		UUID lead = wonLead();

		this.periodicPass.runOnce();
		assertThat(reviewTexts(lead)).isEmpty();
		assertThat(state(lead).get("dueAt").asString()).isEqualTo("2026-03-04T14:00:00Z");

		this.clock.set(Instant.parse("2026-03-04T14:00:00Z"));
		this.periodicPass.runOnce();
		awaitAcceptedTo(PHONE, 2);
		assertThat(reviewTexts(lead)).hasSize(1);
	}

	@Test
	void theRateLimitAppliesAndTheRequestWaitsForItsMoment() {
		this.jdbc.sql("UPDATE settings SET review_delay_days = 0").update();
		UUID lead = wonLead();

		this.periodicPass.runOnce();
		assertThat(count("SELECT count(*) FROM messages WHERE status = 'blocked'")).isEqualTo(1);
		assertThat(reviewTexts(lead)).hasSize(1);
		assertThat(state(lead).get("status").asString()).isEqualTo("pending");

		this.clock.advance(Duration.ofSeconds(61));
		this.periodicPass.runOnce();
		awaitAcceptedTo(PHONE, 2);
		assertThat(state(lead).get("status").asString()).isEqualTo("sent");
	}

	@Test
	void badInputIsRefusedNamingTheProblem() {
		UUID lead = createLead("Maria Lopez", PHONE);

		assertThat(this.http
			.putJson("/api/leads/" + lead + "/review-request", "{\"enabled\": \"no\"}", "Authorization", staffAuth())
			.status()).isEqualTo(400);
		assertThat(this.http.putJson("/api/leads/" + lead + "/review-request", "{}", "Authorization", staffAuth())
			.status()).isEqualTo(400);
		assertThat(this.http
			.putJson("/api/leads/" + UUID.randomUUID() + "/review-request", "{\"enabled\": false}", "Authorization",
					staffAuth())
			.status()).isEqualTo(404);
		assertThat(count("SELECT count(*) FROM review_requests")).isZero();
	}

	@Test
	void badReviewSettingsAreA400NamingTheField() {
		Map<String, String> bad = Map.of("reviewTemplate", "\"Review us {reviewlink}\"", "reviewLink",
				"\"ftp://example.com/review\"", "reviewDelayDays", "-1", "reviewRequestEnabled", "\"yes\"");
		bad.forEach((field, value) -> {
			Http.Answer answer = this.http.patchJson("/api/settings", "{\"" + field + "\": " + value + "}",
					"Authorization", staffAuth());

			assertThat(answer.status()).as(field).isEqualTo(400);
			assertThat(answer.json().get("errors").findValuesAsString("field")).as(field).containsExactly(field);
		});
		assertThat(this.http
			.patchJson("/api/settings", "{\"reviewTemplate\": \"Review us {reviewlink}\"}", "Authorization",
					staffAuth())
			.body()).contains("Unknown merge field {reviewlink}");
		JsonNode settings = this.http.get("/api/settings", "Authorization", staffAuth()).json();
		assertThat(settings.get("reviewDelayDays").asInt()).isEqualTo(2);
		assertThat(settings.get("reviewLink").asString()).isEqualTo(LINK);
	}

	/** A new lead, its instant response sent, marked won by staff now. */
	private UUID wonLead() {
		UUID lead = createLead("Maria Lopez", PHONE);
		awaitAcceptedTo(PHONE, 1);
		status(lead, "won");
		return lead;
	}

	private void status(UUID lead, String status) {
		Http.Answer answer = this.http.postJson("/api/leads/" + lead + "/status", "{\"status\": \"" + status + "\"}",
				"Authorization", staffAuth());
		assertThat(answer.status()).isEqualTo(200);
	}

	private void afterTheDelay() {
		this.clock.advance(Duration.ofDays(2).plusMinutes(1));
		this.periodicPass.runOnce();
		awaitPipelineIdle();
	}

	private JsonNode state(UUID lead) {
		return this.http.get("/api/leads/" + lead + "/review-request", "Authorization", staffAuth()).json();
	}

	/** The lead's texts that carry the review link (sent or blocked). */
	private List<String> reviewTexts(UUID lead) {
		return this.jdbc.sql("SELECT status FROM messages WHERE lead_id = :lead AND body LIKE :link")
			.param("lead", lead)
			.param("link", "%" + LINK + "%")
			.query(String.class)
			.list();
	}

}
