package com.leadresponse.lead;

import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeadIntakeApiTest extends IntegrationTest {

	@Test
	void newLeadIsStoredInE164AndAnswered201WithLocation() {
		Http.Answer answer = this.http.postJson("/api/leads",
				"{\"name\":\"Maria Lopez\",\"phone\":\"(512) 555-0134\",\"email\":\"maria@example.com\","
						+ "\"source\":\"website\",\"message\":\"Bore under driveway\",\"externalId\":\"web-1\"}",
				"X-Api-Key", API_KEY);

		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.json().get("phone").asString()).isEqualTo("+15125550134");
		assertThat(answer.json().get("duplicate").asBoolean()).isFalse();
		assertThat(answer.header("Location")).isEqualTo("/api/leads/" + answer.json().get("id").asString());
		assertThat(this.jdbc.sql("SELECT external_id FROM leads").query(String.class).single()).isEqualTo("web-1");
	}

	@Test
	void formEncodedLeadIsAccepted() {
		Http.Answer answer = this.http.postForm("/api/leads", Map.of("name", "Sam Hill", "phone", "+1 512 555 0177"),
				"Authorization", "Bearer " + API_KEY);

		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.json().get("phone").asString()).isEqualTo("+15125550177");
	}

	@Test
	void invalidPhoneGets400NamingTheField() {
		Http.Answer answer = this.http.postJson("/api/leads", "{\"name\":\"A\",\"phone\":\"12345\"}", "X-Api-Key",
				API_KEY);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("phone");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void missingNameGets400NamingTheField() {
		Http.Answer answer = this.http.postJson("/api/leads", "{\"phone\":\"+15125550134\"}", "X-Api-Key", API_KEY);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void malformedJsonGets400ProblemAndStoresNothing() {
		Http.Answer answer = this.http.postJson("/api/leads", "{\"name\":\"A\",\"phone\":", "X-Api-Key", API_KEY);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("detail").asString()).contains("Malformed");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void wrongContentTypeGets415() {
		Http.Answer answer = this.http.send(this.http.request("/api/leads")
			.header("Content-Type", "text/plain")
			.header("X-Api-Key", API_KEY)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("name=A")));

		assertThat(answer.status()).isEqualTo(415);
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void bodyOver64KiBGets413AndStoresNothing() {
		String message = "x".repeat(70 * 1024);
		Http.Answer answer = this.http.postJson("/api/leads",
				"{\"name\":\"A\",\"phone\":\"+15125550134\",\"message\":\"" + message + "\"}", "X-Api-Key", API_KEY);

		assertThat(answer.status()).isEqualTo(413);
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void missingApiKeyGets401() {
		Http.Answer answer = this.http.postJson("/api/leads", "{\"name\":\"A\",\"phone\":\"+15125550134\"}");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void wrongApiKeyGets401() {
		Http.Answer answer = this.http.postJson("/api/leads", "{\"name\":\"A\",\"phone\":\"+15125550134\"}",
				"X-Api-Key", "not-a-key");

		assertThat(answer.status()).isEqualTo(401);
	}

	@Test
	void secondIntakeOfSamePhoneFindsTheOpenLeadAndTextsNobodyTwice() {
		UUID first = createLead("Maria", "+15125550134");
		awaitAcceptedTo("+15125550134", 1);

		Http.Answer second = postLead("Maria L", "512-555-0134");
		awaitPipelineIdle();

		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().get("duplicate").asBoolean()).isTrue();
		assertThat(second.json().get("id").asString()).isEqualTo(first.toString());
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(1);
		assertThat(twilio.receivedFor("+15125550134")).hasSize(1);
	}

	@Test
	void closedLeadsPhoneStartsANewLead() {
		UUID first = createLead("Maria", "+15125550134");
		this.jdbc.sql("UPDATE leads SET status = 'won' WHERE id = :id").param("id", first).update();

		Http.Answer again = postLead("Maria", "+15125550134");

		assertThat(again.status()).isEqualTo(201);
		assertThat(again.json().get("id").asString()).isNotEqualTo(first.toString());
	}

	@Test
	void retryWithSameIdempotencyKeyReturnsTheFirstAnswer() {
		String body = "{\"name\":\"Maria\",\"phone\":\"+15125550134\"}";
		Http.Answer first = this.http.postJson("/api/leads", body, "X-Api-Key", API_KEY, "Idempotency-Key", "abc-1");
		Http.Answer retry = this.http.postJson("/api/leads", body, "X-Api-Key", API_KEY, "Idempotency-Key", "abc-1");
		awaitPipelineIdle();

		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(1);
		assertThat(twilio.receivedFor("+15125550134")).hasSize(1);
	}

}
