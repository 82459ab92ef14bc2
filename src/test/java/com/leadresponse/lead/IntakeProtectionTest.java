package com.leadresponse.lead;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.settings.ApiKeys;
import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.SecondInstance;
import com.leadresponse.support.StaffSession;
import com.leadresponse.support.TwilioStandIn;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The intake cannot be turned against the business (SPEC 3): a key learns nothing of
 * another source's lead, numbers of countries the business does not text are refused,
 * each key has an intake rate, automatic texts have an hourly cap that makes them wait
 * (never drops them) and alerts the staff, an Idempotency-Key cannot be reused for
 * another lead, and a field of the wrong JSON type is refused.
 */
class IntakeProtectionTest extends IntegrationTest {

	private static final String GERMAN_MOBILE = "+4915123456789";

	private static final String OFFICE = "+15125550901";

	@Autowired
	private ApiKeys apiKeys;

	@Test
	void duplicateAnswerCarriesOnlyIdStatusAndDuplicate() {
		this.http.postJson("/api/leads",
				"{\"name\":\"Maria Lopez\",\"phone\":\"+15125550134\","
						+ "\"email\":\"maria@example.com\",\"message\":\"Bore under my driveway\"}",
				"X-Api-Key", API_KEY);
		String otherSource = this.apiKeys.create("Marketplace").secret();

		Http.Answer duplicate = this.http.postJson("/api/leads", "{\"name\":\"Guess\",\"phone\":\"+15125550134\"}",
				"X-Api-Key", otherSource);

		assertThat(duplicate.status()).isEqualTo(200);
		assertThat(duplicate.json().propertyNames()).containsExactlyInAnyOrder("id", "status", "duplicate");
		assertThat(duplicate.json().get("duplicate").asBoolean()).isTrue();
		assertThat(duplicate.body()).doesNotContain("Maria").doesNotContain("driveway").doesNotContain("maria@");
	}

	@Test
	void numberOfACountryTheBusinessDoesNotTextIsA400NamingThePhoneAndTextsNobody() {
		List<Http.Answer> answers = Concurrently.run(30,
				(i) -> postLead("Pump " + i, "+49151" + String.format("%08d", 23456700 + i)));

		Http.Answer byHand = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD)
			.post("/leads", Map.of("name", "Caller", "phone", GERMAN_MOBILE));

		assertThat(answers).extracting(Http.Answer::status).containsOnly(400);
		assertThat(answers.get(0).json().get("errors").get(0).get("field").asString()).isEqualTo("phone");
		assertThat(answers.get(0).json().get("detail").asString()).contains("Germany (DE)").contains("allowed: US");
		assertThat(byHand.body()).as("staff adding a lead by hand").contains("texts go only to US");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
		assertThat(twilio.received()).isEmpty();
	}

	@Test
	void allowedCountriesDefaultToTheBusinessCountryAndAreASetting() {
		JsonNode settings = this.http.get("/api/settings", "Authorization", staffAuth()).json();
		assertThat(settings.get("allowedCountries").toString()).isEqualTo("[\"US\"]");

		Http.Answer patched = this.http.patchJson("/api/settings", "{\"allowedCountries\": [\"US\", \"de\"]}",
				"Authorization", staffAuth());
		Http.Answer german = postLead("Jonas Becker", GERMAN_MOBILE);

		assertThat(patched.json().get("allowedCountries").toString()).isEqualTo("[\"US\",\"DE\"]");
		assertThat(german.status()).isEqualTo(201);
		assertThat(this.http.patchJson("/api/settings", "{\"allowedCountries\": []}", "Authorization", staffAuth())
			.status()).isEqualTo(400);
	}

	@Test
	void keyOverItsIntakeRateGets429WithRetryAfterAndStoresNothing() {
		setRate(3);
		for (int i = 0; i < 3; i++) {
			assertThat(postLead("Lead " + i, "+1512555010" + i).status()).isEqualTo(201);
		}

		Http.Answer fourth = postLead("Lead 3", "+15125550103");

		assertThat(fourth.status()).isEqualTo(429);
		assertThat(fourth.header("Retry-After")).isEqualTo("20");
		assertThat(fourth.header("Content-Type")).startsWith("application/problem+json");
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(3);
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(postLead("Lead 3", "+15125550103").status()).isEqualTo(201);
	}

	@Test
	void intakeRateIsPerKey() {
		setRate(1);
		String otherSource = this.apiKeys.create("Marketplace").secret();
		postLead("Lead 0", "+15125550100");

		Http.Answer other = this.http.postJson("/api/leads", "{\"name\":\"Lead 1\",\"phone\":\"+15125550101\"}",
				"X-Api-Key", otherSource);

		assertThat(other.status()).isEqualTo(201);
		assertThat(postLead("Lead 2", "+15125550102").status()).isEqualTo(429);
	}

	@Test
	void intakeRateHoldsForConcurrentRequestsOnTwoInstances() {
		SecondInstance second = secondInstance();
		setRate(5);
		Http[] instances = { this.http, second.http() };

		List<Http.Answer> answers = Concurrently.run(20,
				(i) -> instances[i % 2].postJson("/api/leads",
						"{\"name\":\"Lead " + i + "\",\"phone\":\"+1512555" + String.format("%04d", 200 + i) + "\"}",
						"X-Api-Key", API_KEY));

		assertThat(answers).filteredOn((a) -> a.status() == 201).hasSize(5);
		assertThat(answers).filteredOn((a) -> a.status() == 429).hasSize(15);
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(5);
	}

	@Test
	void automaticTextsBeyondTheHourlyCapWaitForTheNextHourAndTheStaffAreAlertedOnce() {
		this.http.patchJson("/api/settings", "{\"outboundHourlyCap\": 3, \"alertPhones\": [\"" + OFFICE + "\"]}",
				"Authorization", staffAuth());
		List<String> phones = List.of("+15125550130", "+15125550131", "+15125550132", "+15125550133", "+15125550134");
		for (String phone : phones) {
			createLead("Lead " + phone.substring(10), phone);
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> twilio.accepted()
				.stream()
				.anyMatch((r) -> OFFICE.equals(r.to()) && r.body().startsWith("Automatic texts paused")));
		awaitPipelineIdle();

		assertThat(phones.stream().filter((phone) -> !twilio.receivedFor(phone).isEmpty())).hasSize(3);
		Instant nextHour = Instant.parse("2026-03-03T22:00:00Z");
		assertThat(this.jdbc.sql("SELECT next_followup_at FROM leads WHERE status = 'new'")
			.query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
			.list()).hasSize(2).containsOnly(nextHour);
		assertThat(twilio.receivedFor(OFFICE)).filteredOn((r) -> r.body().startsWith("Automatic texts paused"))
			.singleElement()
			.satisfies((alert) -> assertThat(alert.body()).contains("go out from 4:00 PM"));

		this.clock.set(nextHour);
		this.periodicPass.runOnce();
		awaitPipelineIdle();

		assertThat(phones).allSatisfy((phone) -> assertThat(twilio.receivedFor(phone)).hasSize(1));
		assertThat(twilio.receivedFor(OFFICE)).filteredOn((r) -> r.body().startsWith("Automatic texts paused"))
			.hasSize(1);
	}

	@Test
	void staffTextsAreNotHeldByTheHourlyCap() {
		this.http.patchJson("/api/settings", "{\"outboundHourlyCap\": 1}", "Authorization", staffAuth());
		createLead("First", "+15125550140");
		UUID held = createLead("Second", "+15125550141");
		awaitPipelineIdle();
		assertThat(twilio.receivedFor("+15125550141")).isEmpty();

		Http.Answer manual = this.http.postJson("/api/leads/" + held + "/messages", "{\"body\":\"Calling you now\"}",
				"Authorization", staffAuth());

		assertThat(manual.status()).isEqualTo(202);
		awaitAcceptedTo("+15125550141", 1);
		assertThat(twilio.receivedFor("+15125550141")).extracting(TwilioStandIn.Received::body)
			.containsExactly("Calling you now");
	}

	@Test
	void hourlyCapHoldsForConcurrentIntakesOnTwoInstances() {
		SecondInstance second = secondInstance();
		this.http.patchJson("/api/settings", "{\"outboundHourlyCap\": 4, \"intakeRatePerMinute\": 100}",
				"Authorization", staffAuth());
		Http[] instances = { this.http, second.http() };

		List<Http.Answer> answers = Concurrently.run(20,
				(i) -> instances[i % 2].postJson("/api/leads",
						"{\"name\":\"Lead " + i + "\",\"phone\":\"+1512555" + String.format("%04d", 300 + i) + "\"}",
						"X-Api-Key", API_KEY));
		awaitPipelineIdle();

		assertThat(answers).extracting(Http.Answer::status).containsOnly(201);
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'outbound'")).isEqualTo(4);
		assertThat(twilio.accepted()).hasSize(4);
		assertThat(count("SELECT count(*) FROM leads WHERE next_followup_at = '2026-03-03T22:00:00Z'")).isEqualTo(16);
	}

	@Test
	void idempotencyKeyReusedWithADifferentRequestIs422AndChangesNothing() {
		Http.Answer first = this.http.postJson("/api/leads", "{\"name\":\"Maria\",\"phone\":\"+15125550134\"}",
				"X-Api-Key", API_KEY, "Idempotency-Key", "order-77");

		Http.Answer reused = this.http.postJson("/api/leads", "{\"name\":\"Sam Hill\",\"phone\":\"+15125550177\"}",
				"X-Api-Key", API_KEY, "Idempotency-Key", "order-77");
		Http.Answer sameAsForm = this.http.postForm("/api/leads", Map.of("name", "Maria", "phone", "+15125550134"),
				"X-Api-Key", API_KEY, "Idempotency-Key", "order-77");

		assertThat(first.status()).isEqualTo(201);
		assertThat(reused.status()).isEqualTo(422);
		assertThat(reused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(reused.json().get("detail").asString()).contains("Idempotency-Key");
		assertThat(sameAsForm.status()).as("the same request, as a form").isEqualTo(201);
		assertThat(sameAsForm.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(1);
	}

	@Test
	void fieldOfTheWrongJsonTypeIsA400NamingTheField() {
		Map<String, String> bodies = Map.of("name", "{\"name\":true,\"phone\":\"+15125550134\"}", "phone",
				"{\"name\":\"Maria\",\"phone\":5125550134}", "message",
				"{\"name\":\"Maria\",\"phone\":\"+15125550134\",\"message\":{\"text\":\"hi\"}}", "email",
				"{\"name\":\"Maria\",\"phone\":\"+15125550134\",\"email\":[\"a@example.com\"]}");

		bodies.forEach((field, body) -> {
			Http.Answer answer = this.http.postJson("/api/leads", body, "X-Api-Key", API_KEY);
			assertThat(answer.status()).as(field).isEqualTo(400);
			assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
		});
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void intakeSettingsAreOnTheSettingsPageAndInTheSettingsApi() {
		JsonNode settings = this.http.get("/api/settings", "Authorization", staffAuth()).json();
		String page = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD).get("/settings").body();

		assertThat(settings.get("intakeRatePerMinute").asInt()).isEqualTo(60);
		assertThat(settings.get("outboundHourlyCap").asInt()).isEqualTo(300);
		assertThat(page).contains("name=\"allowedCountries\"")
			.contains("name=\"intakeRatePerMinute\"")
			.contains("name=\"outboundHourlyCap\"");
	}

	private void setRate(int perMinute) {
		assertThat(this.http
			.patchJson("/api/settings", "{\"intakeRatePerMinute\": " + perMinute + "}", "Authorization", staffAuth())
			.status()).isEqualTo(200);
	}

}
