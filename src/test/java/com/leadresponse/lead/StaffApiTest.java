package com.leadresponse.lead;

import java.time.Duration;
import java.util.UUID;

import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffRole;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class StaffApiTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	private static final String AGENT_EMAIL = "agent@example.com";

	private static final String AGENT_PASSWORD = "agent-password-1";

	@Autowired
	StaffAccounts staff;

	@BeforeEach
	void agent() {
		this.staff.create(AGENT_EMAIL, "Agent Smith", AGENT_PASSWORD, StaffRole.AGENT);
	}

	@Test
	void staffApiNeedsSignIn() {
		Http.Answer answer = this.http.get("/api/leads");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void wrongPasswordGets401() {
		assertThat(this.http.get("/api/leads", "Authorization", Http.basic(ADMIN_EMAIL, "nope")).status())
			.isEqualTo(401);
	}

	@Test
	void listShowsNewestActivityFirstAndFiltersByStatusAndSearch() {
		UUID older = createLead("Alice Older", "+15125550101");
		this.clock.advance(Duration.ofMinutes(1));
		UUID newer = createLead("Bob Newer", "+15125550102");
		awaitPipelineIdle();
		this.clock.advance(Duration.ofMinutes(1));
		this.http.postJson("/api/leads/" + older + "/status", "{\"status\":\"lost\"}", "Authorization", staffAuth());

		var all = this.http.get("/api/leads", "Authorization", staffAuth()).json();
		var lost = this.http.get("/api/leads?status=lost", "Authorization", staffAuth()).json();
		var search = this.http.get("/api/leads?q=bob", "Authorization", staffAuth()).json();
		var byPhone = this.http.get("/api/leads?q=0101", "Authorization", staffAuth()).json();

		assertThat(all.get(0).get("id").asString()).isEqualTo(older.toString());
		assertThat(all).hasSize(2);
		assertThat(lost).hasSize(1);
		assertThat(search.get(0).get("id").asString()).isEqualTo(newer.toString());
		assertThat(search).hasSize(1);
		assertThat(byPhone.get(0).get("id").asString()).isEqualTo(older.toString());
	}

	@Test
	void unknownStatusFilterGets400NamingTheParameter() {
		Http.Answer answer = this.http.get("/api/leads?status=maybe", "Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
	}

	@Test
	void leadDetailHasMessagesRateLimitAndSequence() {
		UUID leadId = createLead("Maria", PHONE);
		awaitPipelineIdle();

		var detail = this.http.get("/api/leads/" + leadId, "Authorization", staffAuth()).json();

		assertThat(detail.get("status").asString()).isEqualTo("contacted");
		assertThat(detail.get("messages")).hasSize(1);
		assertThat(detail.get("messages").get(0).get("status").asString()).isEqualTo("sent");
		assertThat(detail.get("rateLimit").get("smsCountToday").asInt()).isEqualTo(1);
		assertThat(detail.get("rateLimit").get("dailyLimit").asInt()).isEqualTo(5);
		assertThat(detail.get("rateLimit").get("nextAllowedAt").asString()).isEqualTo("2026-03-03T21:01:00Z");
		assertThat(detail.get("sequence").get("step").asInt()).isEqualTo(1);
		assertThat(detail.get("sequence").get("active").asBoolean()).isTrue();
		assertThat(detail.get("sequence").get("expiresAt").asString()).isEqualTo("2026-04-02T21:00:00Z");
	}

	@Test
	void leadDetailListsTheSubmissionsThatMadeTheLeadAndJoinedIt() {
		Http.Answer first = this.http.postJson("/api/leads",
				"{\"name\": \"Maria Lopez\", \"phone\": \"" + PHONE
						+ "\", \"message\": \"Bore under the driveway\", \"externalId\": \"crm-17\"}",
				"X-Api-Key", API_KEY);
		this.clock.advance(java.time.Duration.ofMinutes(5));
		Http.Answer again = this.http.postJson("/api/leads",
				"{\"name\": \"Maria L.\", \"phone\": \"" + PHONE + "\", \"email\": \"maria@example.com\"}", "X-Api-Key",
				API_KEY);
		UUID leadId = UUID.fromString(first.json().get("id").asString());

		var submissions = this.http.get("/api/leads/" + leadId, "Authorization", staffAuth()).json().get("submissions");

		assertThat(first.status()).isEqualTo(201);
		assertThat(again.json().get("id").asString()).isEqualTo(leadId.toString());
		assertThat(submissions).hasSize(2);
		assertThat(submissions.get(0).get("source").asString()).isEqualTo("api");
		assertThat(submissions.get(0).get("externalId").asString()).isEqualTo("crm-17");
		assertThat(submissions.get(0).get("outcome").asString()).isEqualTo("created");
		assertThat(submissions.get(0).get("name").asString()).isEqualTo("Maria Lopez");
		assertThat(submissions.get(0).get("description").asString()).isEqualTo("Bore under the driveway");
		assertThat(submissions.get(0).get("receivedAt").asString()).isEqualTo("2026-03-03T21:00:00Z");
		assertThat(submissions.get(1).get("outcome").asString()).isEqualTo("attached");
		assertThat(submissions.get(1).get("name").asString()).isEqualTo("Maria L.");
		assertThat(submissions.get(1).get("email").asString()).isEqualTo("maria@example.com");
		assertThat(submissions.get(1).get("receivedAt").asString()).isEqualTo("2026-03-03T21:05:00Z");
	}

	@Test
	void leadDetailHasTheLeadsFieldsAtTheTopLevelAsTheListHasThem() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();

		var detail = this.http.get("/api/leads/" + leadId, "Authorization", staffAuth()).json();
		var inList = this.http.get("/api/leads", "Authorization", staffAuth()).json().get(0);

		assertThat(detail.has("lead")).as("no nested lead object").isFalse();
		assertThat(inList.propertyNames())
			.allSatisfy((field) -> assertThat(detail.get(field)).as(field).isEqualTo(inList.get(field)));
		assertThat(detail.get("id").asString()).isEqualTo(leadId.toString());
		assertThat(detail.get("phone").asString()).isEqualTo(PHONE);
		assertThat(detail.has("messages") && detail.has("rateLimit") && detail.has("sequence")).isTrue();
	}

	@Test
	void unknownLeadGets404Problem() {
		Http.Answer answer = this.http.get("/api/leads/" + UUID.randomUUID(), "Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.json().get("detail").asString()).startsWith("No lead with id");
	}

	@Test
	void manualSmsWithin60SecondsOfTheLastIsRefused429AndStoredBlocked() {
		UUID leadId = createLead("Maria", PHONE);
		awaitPipelineIdle();
		this.clock.advance(Duration.ofSeconds(30));

		Http.Answer answer = this.http.postJson("/api/leads/" + leadId + "/messages", "{\"body\":\"Hi again\"}",
				"Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(429);
		assertThat(answer.json().get("success").asBoolean()).isFalse();
		assertThat(answer.json().get("error").asString())
			.isEqualTo("Rate limit exceeded: Too soon since last SMS (min 1 minute)");
		assertThat(this.jdbc.sql("SELECT error_message FROM messages WHERE status = 'blocked'")
			.query(String.class)
			.single()).isEqualTo("Rate limit exceeded: Too soon since last SMS (min 1 minute)");
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void limitsSavedInSettingsApplyWithoutARestart() {
		this.jdbc.sql("UPDATE settings SET min_sms_interval_seconds = 120, daily_sms_limit = 2").update();
		UUID leadId = createLead("Maria", PHONE);
		awaitPipelineIdle();

		this.clock.advance(Duration.ofSeconds(90));
		Http.Answer tooSoon = this.http.postJson("/api/leads/" + leadId + "/messages", "{\"body\":\"One\"}",
				"Authorization", staffAuth());
		this.clock.advance(Duration.ofSeconds(60));
		Http.Answer second = this.http.postJson("/api/leads/" + leadId + "/messages", "{\"body\":\"Two\"}",
				"Authorization", staffAuth());
		this.clock.advance(Duration.ofMinutes(5));
		Http.Answer third = this.http.postJson("/api/leads/" + leadId + "/messages", "{\"body\":\"Three\"}",
				"Authorization", staffAuth());

		assertThat(tooSoon.status()).isEqualTo(429);
		assertThat(tooSoon.json().get("error").asString())
			.isEqualTo("Rate limit exceeded: Too soon since last SMS (min 2 minutes)");
		assertThat(second.status()).isEqualTo(202);
		assertThat(third.status()).isEqualTo(429);
		assertThat(third.json().get("error").asString())
			.isEqualTo("Rate limit exceeded: Daily limit reached (2 per day)");
	}

	@Test
	void adminMayBypassTheRateLimitExplicitly() {
		UUID leadId = createLead("Maria", PHONE);
		awaitPipelineIdle();

		Http.Answer answer = this.http.postJson("/api/leads/" + leadId + "/messages",
				"{\"body\":\"Urgent: crew is outside\",\"bypassRateLimit\":true}", "Authorization", staffAuth());
		awaitAcceptedTo(PHONE, 2);

		assertThat(answer.status()).isEqualTo(202);
		assertThat(answer.json().get("status").asString()).isEqualTo("queued");
		assertThat(answer.json().get("messageId").asString()).isNotBlank();
	}

	@Test
	void agentWhoSetsBypassGets403AndNothingIsSent() {
		UUID leadId = createLead("Maria", PHONE);
		awaitPipelineIdle();

		Http.Answer answer = this.http.postJson("/api/leads/" + leadId + "/messages",
				"{\"body\":\"Hi\",\"bypassRateLimit\":true}", "Authorization", Http.basic(AGENT_EMAIL, AGENT_PASSWORD));

		assertThat(answer.status()).isEqualTo(403);
		assertThat(count("SELECT count(*) FROM messages")).isEqualTo(1);
	}

	@Test
	void agentMaySendWithinTheLimits() {
		UUID leadId = createLead("Maria", PHONE);
		awaitPipelineIdle();
		this.clock.advance(Duration.ofMinutes(2));

		Http.Answer answer = this.http.postJson("/api/leads/" + leadId + "/messages", "{\"body\":\"Hi\"}",
				"Authorization", Http.basic(AGENT_EMAIL, AGENT_PASSWORD));

		assertThat(answer.status()).as(answer.body()).isEqualTo(202);
		assertThat(this.jdbc.sql("SELECT count(*) FROM messages WHERE sent_by_id IS NOT NULL")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void emptyManualSmsGets400NamingTheField() {
		UUID leadId = createLead("Maria", PHONE);

		Http.Answer answer = this.http.postJson("/api/leads/" + leadId + "/messages", "{\"body\":\"\"}",
				"Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("body");
	}

	@Test
	void unknownStatusGets400() {
		UUID leadId = createLead("Maria", PHONE);

		Http.Answer answer = this.http.postJson("/api/leads/" + leadId + "/status", "{\"status\":\"maybe\"}",
				"Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(leadStatus(leadId)).isIn("new", "contacted");
	}

	@Test
	void closingAsLostRecordsReasonAndReopeningClearsIt() {
		UUID leadId = createLead("Maria", PHONE);
		this.http.postJson("/api/leads/" + leadId + "/status",
				"{\"status\":\"lost\",\"reason\":\"Went with another crew\"}", "Authorization", staffAuth());
		assertThat(this.jdbc.sql("SELECT closed_reason FROM leads").query(String.class).single())
			.isEqualTo("Went with another crew");

		this.http.postJson("/api/leads/" + leadId + "/status", "{\"status\":\"contacted\"}", "Authorization",
				staffAuth());

		assertThat(leadStatus(leadId)).isEqualTo("contacted");
		assertThat(this.jdbc.sql("SELECT closed_reason IS NULL AND closed_at IS NULL FROM leads")
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void pauseAndResumeTheSequence() {
		UUID leadId = createLead("Maria", PHONE);
		awaitPipelineIdle();

		var paused = this.http
			.postJson("/api/leads/" + leadId + "/sequence", "{\"action\":\"pause\"}", "Authorization", staffAuth())
			.json();
		this.clock.advance(Duration.ofDays(2));
		this.periodicPass.runOnce();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);

		var resumed = this.http
			.postJson("/api/leads/" + leadId + "/sequence", "{\"action\":\"resume\"}", "Authorization", staffAuth())
			.json();
		this.periodicPass.runOnce();
		awaitAcceptedTo(PHONE, 2);

		assertThat(paused.get("paused").asBoolean()).isTrue();
		assertThat(resumed.get("active").asBoolean()).isTrue();
	}

}
