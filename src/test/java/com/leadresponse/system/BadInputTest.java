package com.leadresponse.system;

import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that can never succeed is never told to retry: a NUL byte or a value too long
 * for its column is a 400 naming the field (pages: the form again with the error), logged
 * as one line and never as a stack trace; an inbound text is never dropped, only its NUL
 * bytes are (SPEC 3, 5.11).
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	private static final String INBOUND = "/api/webhooks/twilio";

	private static final String STATUS = "/api/webhooks/twilio/status";

	@Test
	void nulInAnIntakeFieldIsA400NamingTheFieldAndStoresNothing(CapturedOutput output) {
		Http.Answer json = this.http.postJson("/api/leads",
				"{\"name\":\"Maria\\u0000Lopez\",\"phone\":\"" + PHONE + "\"}", "X-Api-Key", API_KEY);
		Http.Answer form = this.http.postForm("/api/leads",
				Map.of("name", "Maria", "phone", PHONE, "message", "Bore\u0000 under"), "X-Api-Key", API_KEY);

		assertThat(json.status()).isEqualTo(400);
		assertThat(json.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
		assertThat(form.status()).isEqualTo(400);
		assertThat(form.json().get("errors").get(0).get("field").asString()).isEqualTo("message");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
		assertLinesAndNoStackTrace(output, "POST /api/leads answered 400", 2);
	}

	@Test
	void nulInAManualTextOrACloseReasonIsA400NamingTheField() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		this.clock.advance(java.time.Duration.ofMinutes(2));

		Http.Answer text = this.http.postJson("/api/leads/" + leadId + "/messages", "{\"body\":\"See you\\u0000\"}",
				"Authorization", staffAuth());
		Http.Answer close = this.http.postJson("/api/leads/" + leadId + "/status",
				"{\"status\":\"lost\",\"reason\":\"Went\\u0000 elsewhere\"}", "Authorization", staffAuth());

		assertThat(text.status()).isEqualTo(400);
		assertThat(text.json().get("errors").get(0).get("field").asString()).isEqualTo("body");
		assertThat(close.status()).isEqualTo(400);
		assertThat(close.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
		assertThat(count("SELECT count(*) FROM messages")).isEqualTo(1);
		assertThat(leadStatus(leadId)).isEqualTo("contacted");
	}

	@Test
	void pagesShowTheFormAgainWithTheErrorForANul() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		this.clock.advance(java.time.Duration.ofMinutes(2));
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);

		Http.Answer text = admin.post("/leads/" + leadId + "/messages", Map.of("body", "See you\u0000 at 4"));
		String afterText = admin.get("/leads/" + leadId).body();
		Http.Answer close = admin.post("/leads/" + leadId + "/status",
				Map.of("status", "lost", "reason", "Went\u0000 elsewhere"));
		String afterClose = admin.get("/leads/" + leadId).body();
		Http.Answer added = admin.post("/leads", Map.of("name", "Carl\u0000", "phone", "(512) 555-0188"));

		assertThat(text.status()).isEqualTo(302);
		assertThat(afterText).contains("A text cannot contain control characters").contains("See you at 4");
		assertThat(close.status()).isEqualTo(302);
		assertThat(afterClose).contains("The reason cannot contain control characters");
		assertThat(added.status()).isEqualTo(200);
		assertThat(added.body()).contains("must not contain control characters");
		assertThat(count("SELECT count(*) FROM messages")).isEqualTo(1);
		assertThat(leadStatus(leadId)).isEqualTo("contacted");
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(1);
	}

	@Test
	void nulInAnInboxSearchIsAClientErrorPageNotAServerError(CapturedOutput output) {
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);

		Http.Answer search = admin.get("/?q=Maria%00");
		Http.Answer api = this.http.get("/api/leads?q=Maria%00", "Authorization", staffAuth());

		assertThat(search.status()).isEqualTo(400);
		assertThat(api.status()).isEqualTo(400);
		assertThat(api.json().get("errors").get(0).get("field").asString()).isEqualTo("q");
		assertThat(output.getOut()).doesNotContain("\tat org.postgresql");
	}

	@Test
	void inboundTextWithANulIsKeptWithoutIt() {
		createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();

		Http.Answer answer = postSignedWebhook(INBOUND, inboundSms("SM" + "a".repeat(32), PHONE, "Call\u0000 me"));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT body FROM messages WHERE direction = 'inbound'").query(String.class).single())
			.isEqualTo("Call me");
	}

	@Test
	void twilioParameterThatCannotBeValidIsA400AndStoresNothing(CapturedOutput output) {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		String sid = this.jdbc.sql("SELECT provider_sid FROM messages").query(String.class).single();
		Map<String, String> longSid = inboundSms("SM" + "a".repeat(298), PHONE, "Hello");
		Map<String, String> nulFrom = inboundSms("SM" + "b".repeat(32), PHONE + "\u0000", "Hello");
		Map<String, String> longFrom = inboundSms("SM" + "c".repeat(32), "+1".repeat(30), "Hello");
		Map<String, String> nulErrorCode = statusCallback(sid, PHONE, "undelivered", "30003\u0000");
		Map<String, String> longStatus = statusCallback(sid, PHONE, "d".repeat(300), null);

		for (Map<String, String> params : java.util.List.of(longSid, nulFrom, longFrom)) {
			Http.Answer answer = postSignedWebhook(INBOUND, params);
			assertThat(answer.status()).as(params.toString()).isEqualTo(400);
			assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
			assertThat(answer.header("Retry-After")).isNull();
		}
		assertThat(postSignedWebhook(STATUS, nulErrorCode).status()).isEqualTo(400);
		assertThat(postSignedWebhook(STATUS, longStatus).status()).isEqualTo(400);

		assertThat(count("SELECT count(*) FROM processed_webhooks")).isZero();
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound'")).isZero();
		assertThat(this.jdbc.sql("SELECT status FROM messages").query(String.class).single()).isEqualTo("sent");
		assertThat(leadStatus(leadId)).isEqualTo("contacted");
		assertLinesAndNoStackTrace(output, "Twilio parameter MessageSid is longer than a Twilio message SID", 1);
		assertLinesAndNoStackTrace(output, "POST /api/webhooks/twilio answered 400", 3);
	}

	/** Each client error left one line in the log, and no stack trace. */
	private static void assertLinesAndNoStackTrace(CapturedOutput output, String line, int lines) {
		assertThat(output.getOut().lines().filter((l) -> l.contains(line))).hasSize(lines);
		assertThat(output.getOut()).doesNotContain("\tat ");
	}

}
