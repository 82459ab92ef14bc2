package com.leadresponse.sources;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.leadresponse.support.GraphStandIn;
import com.leadresponse.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Meta Lead Ads connector (SPEC 9): the subscription check, the signature over the
 * raw body, the lead read from the Graph API after the answer, with retries, never lost.
 */
class FacebookConnectorTest extends SourceTest {

	private static final String PHONE = "+15125550177";

	private static final String LEADGEN_ID = "123123123123";

	@BeforeEach
	void graphKnowsTheLead() {
		graph.knows(LEADGEN_ID, sample("facebook-graph-lead.json"));
	}

	static String signature(String body, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Http.Answer postSigned(String body) {
		return this.http.postJson("/api/sources/facebook", body, "X-Hub-Signature-256",
				signature(body, GraphStandIn.APP_SECRET));
	}

	@Test
	void theSubscriptionCheckAnswersTheChallengeOnlyForTheVerifyToken() {
		Http.Answer ours = this.http.get("/api/sources/facebook?hub.mode=subscribe&hub.challenge=1158201444"
				+ "&hub.verify_token=" + GraphStandIn.VERIFY_TOKEN);
		Http.Answer theirs = this.http
			.get("/api/sources/facebook?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=guess");

		assertThat(ours.status()).isEqualTo(200);
		assertThat(ours.body()).isEqualTo("1158201444");
		assertThat(theirs.status()).isEqualTo(403);
	}

	@Test
	void metaSampleLeadIsReadFromGraphCreatedAndTextedOnce() {
		Http.Answer answer = postSigned(sample("facebook-leadgen-webhook.json"));

		assertThat(answer.status()).isEqualTo(200);
		runDueBackgroundTasks();
		awaitAcceptedTo(PHONE, 1);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(
				this.jdbc.sql("SELECT name || '|' || email || '|' || source FROM leads").query(String.class).single())
			.isEqualTo("Joe Example|joe@example.com|facebook");
		assertThat(this.jdbc.sql("""
				SELECT outcome || '|' || (payload #>> '{entry,0,changes,0,value,form_id}') || '|' || (details ->> 'id')
				FROM lead_submissions
				""").query(String.class).single()).isEqualTo("created|12341234|" + LEADGEN_ID);
	}

	@Test
	void aLeadWhoseGraphReadFailsForAWhileIsReadLaterAndTextedOnce() {
		graph.failNext(4);

		assertThat(postSigned(sample("facebook-leadgen-webhook.json")).status()).isEqualTo(200);

		// Each failed read waits longer; time moves on, no test sleeps.
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			this.clock.advance(Duration.ofMinutes(10));
			runDueBackgroundTasks();
			return !twilio.receivedFor(PHONE).isEmpty();
		});
		awaitPipelineIdle();

		assertThat(graph.requests()).hasSize(5);
		assertThat(leads()).isEqualTo(1);
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(outcome("facebook")).isEqualTo("created");
	}

	@Test
	void whileGraphFailsTheSubmissionWaitsWithTheReasonForStaff() {
		graph.failNext(100);

		postSigned(sample("facebook-leadgen-webhook.json"));
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			runDueBackgroundTasks();
			return !graph.requests().isEmpty();
		});
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("SELECT detail_error FROM lead_submissions")
				.query(String.class)
				.optional()
				.orElse(null) != null);

		assertThat(outcome("facebook")).isEqualTo("awaiting_details");
		assertThat(this.jdbc.sql("SELECT detail_error FROM lead_submissions").query(String.class).single())
			.startsWith("The Graph API answered 500 (OAuthException, code 2)")
			.doesNotContain(GraphStandIn.PAGE_ACCESS_TOKEN);
		assertThat(count("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'facebook-lead-read'")).isEqualTo(1);
	}

	@Test
	void twoDeliveriesOfOneLeadgenIdMakeOneLead() {
		assertThat(postSigned(sample("facebook-leadgen-webhook.json")).status()).isEqualTo(200);
		assertThat(postSigned(sample("facebook-leadgen-webhook.json")).status()).isEqualTo(200);
		runDueBackgroundTasks();
		awaitAcceptedTo(PHONE, 1);
		for (int i = 0; i < 4; i++) {
			assertThat(postSigned(sample("facebook-leadgen-webhook.json")).status()).isEqualTo(200);
		}
		runDueBackgroundTasks();
		awaitPipelineIdle();

		assertThat(submissions()).isEqualTo(1);
		assertThat(leads()).isEqualTo(1);
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(graph.requests()).hasSize(1);
	}

	@Test
	void onePostCarryingTwoLeadsMakesTwoLeads() {
		graph.knows("456456456456", sample("facebook-graph-lead.json", (lead) -> {
			lead.put("id", "456456456456");
			((tools.jackson.databind.node.ObjectNode) lead.get("field_data").get(1)).putArray("values")
				.add("+15125550178");
		}));
		String body = sample("facebook-leadgen-webhook.json", (json) -> {
			tools.jackson.databind.node.ObjectNode second = ((tools.jackson.databind.node.ObjectNode) json.get("entry")
				.get(0)).deepCopy();
			((tools.jackson.databind.node.ObjectNode) second.get("changes").get(0).get("value")).put("leadgen_id",
					"456456456456");
			((tools.jackson.databind.node.ArrayNode) json.get("entry")).add(second);
		});

		assertThat(postSigned(body).status()).isEqualTo(200);
		runDueBackgroundTasks();
		awaitAcceptedTo(PHONE, 1);
		awaitAcceptedTo("+15125550178", 1);

		assertThat(submissions()).isEqualTo(2);
		assertThat(leads()).isEqualTo(2);
	}

	@Test
	void aWrongOrMissingSignatureIsRefusedWith403AndStoresNothing() {
		String body = sample("facebook-leadgen-webhook.json");
		Http.Answer wrong = this.http.postJson("/api/sources/facebook", body, "X-Hub-Signature-256",
				signature(body, "another-apps-secret"));
		Http.Answer tampered = this.http.postJson("/api/sources/facebook", body.replace("123123123123", "999"),
				"X-Hub-Signature-256", signature(body, GraphStandIn.APP_SECRET));
		Http.Answer missing = this.http.postJson("/api/sources/facebook", body);

		assertThat(wrong.status()).isEqualTo(403);
		assertThat(tampered.status()).isEqualTo(403);
		assertThat(missing.status()).isEqualTo(403);
		assertThat(submissions()).isZero();
		assertThat(count("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'facebook-lead-read'")).isZero();
		assertThat(lastRefusal("facebook")).isEqualTo("The request has no X-Hub-Signature-256 header");
	}

	@Test
	void unknownExtraFieldsAreIgnored() {
		String body = sample("facebook-leadgen-webhook.json", (json) -> json.put("new_field", "x"));

		assertThat(postSigned(body).status()).isEqualTo(200);
		runDueBackgroundTasks();
		awaitAcceptedTo(PHONE, 1);
	}

	@Test
	void aGraphLeadWithoutAPhoneIsKeptForStaffAndNotTexted() {
		graph.knows(LEADGEN_ID, sample("facebook-graph-lead.json", (lead) -> {
			((tools.jackson.databind.node.ArrayNode) lead.get("field_data")).remove(1);
		}));

		postSigned(sample("facebook-leadgen-webhook.json"));
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			runDueBackgroundTasks();
			return "no_phone".equals(outcome("facebook"));
		});

		assertThat(leads()).isZero();
		assertThat(twilio.received()).isEmpty();
	}

}
