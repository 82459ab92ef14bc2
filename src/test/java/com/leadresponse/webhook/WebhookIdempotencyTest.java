package com.leadresponse.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.Prometheus;
import com.leadresponse.support.SecondInstance;
import com.leadresponse.support.TwilioStandIn;
import com.leadresponse.support.TwilioWebhookSigner;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.leadresponse.support.Prometheus.label;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook idempotency (SPEC 5.4): concurrent copies of one Twilio webhook, on one or two
 * instances, have exactly one effect; a copy that fails mid-way leaves nothing, so
 * Twilio's retry is processed; records expire and a late copy still stores nothing twice.
 */
class WebhookIdempotencyTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	private static final String INBOUND = "/api/webhooks/twilio";

	private static final String STATUS = "/api/webhooks/twilio/status";

	private static final String REPLY_SID = "SM" + "a1".repeat(16);

	@Test
	void duplicateInboundWebhookIsProcessedOnce() {
		UUID leadId = contactedLead();
		double deduplicatedBefore = deduplicated(this.http, "twilio_inbound");
		Map<String, String> reply = inboundSms(REPLY_SID, PHONE, "Yes, call me after 5");

		List<Http.Answer> answers = Concurrently.run(100, (i) -> postSignedWebhook(INBOUND, reply));

		assertThat(answers).allSatisfy(this::isEmptyTwiml);
		assertRepliedOnce(leadId);
		assertThat(deduplicated(this.http, "twilio_inbound") - deduplicatedBefore).isEqualTo(99);
		assertNoMoreFollowUps();
	}

	@Test
	void duplicateInboundWebhookIsProcessedOnceAcrossTwoInstances() {
		SecondInstance second = secondInstance();
		UUID leadId = contactedLead();
		double deduplicatedBefore = deduplicated(this.http, "twilio_inbound")
				+ deduplicated(second.http(), "twilio_inbound");
		Map<String, String> reply = inboundSms(REPLY_SID, PHONE, "Yes, call me after 5");
		Http[] instances = { this.http, second.http() };

		List<Http.Answer> answers = Concurrently.run(100, (i) -> postSigned(instances[i % 2], INBOUND, reply));

		assertThat(answers).allSatisfy(this::isEmptyTwiml);
		assertRepliedOnce(leadId);
		double deduplicatedAfter = deduplicated(this.http, "twilio_inbound")
				+ deduplicated(second.http(), "twilio_inbound");
		assertThat(deduplicatedAfter - deduplicatedBefore).isEqualTo(99);
		assertNoMoreFollowUps();
	}

	@Test
	void webhookThatFailsMidwayLeavesNoRecordAndItsRetryIsProcessed() {
		UUID leadId = contactedLead();
		// Fails the first attempt to stop the sequence, after the claim and the message
		// insert; a sequence is not transactional, so only the first attempt fails.
		this.jdbc.sql("CREATE SEQUENCE test_reply_failures").update();
		this.jdbc.sql("""
				CREATE FUNCTION test_fail_first_reply() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  IF nextval('test_reply_failures') = 1 THEN
				    RAISE EXCEPTION 'injected failure while stopping the sequence';
				  END IF;
				  RETURN NEW;
				END $$
				""").update();
		this.jdbc.sql("""
				CREATE TRIGGER test_fail_first_reply BEFORE UPDATE ON leads FOR EACH ROW
				WHEN (NEW.status = 'replied' AND OLD.status <> 'replied') EXECUTE FUNCTION test_fail_first_reply()
				""").update();
		try {
			Map<String, String> reply = inboundSms(REPLY_SID, PHONE, "Yes, call me after 5");

			Http.Answer failed = postSignedWebhook(INBOUND, reply);

			assertThat(failed.status()).isBetween(500, 599);
			assertThat(count("SELECT count(*) FROM processed_webhooks")).isZero();
			assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound'")).isZero();
			assertThat(leadStatus(leadId)).isEqualTo("contacted");

			Http.Answer retried = postSignedWebhook(INBOUND, reply);

			isEmptyTwiml(retried);
			assertRepliedOnce(leadId);
		}
		finally {
			this.jdbc.sql("DROP TRIGGER test_fail_first_reply ON leads").update();
			this.jdbc.sql("DROP FUNCTION test_fail_first_reply()").update();
			this.jdbc.sql("DROP SEQUENCE test_reply_failures").update();
		}
	}

	@Test
	void everyStatusOfOneMessageIsAppliedOnceAndItsDuplicatesChangeNothing() {
		contactedLead();
		String sid = this.jdbc.sql("SELECT provider_sid FROM messages WHERE direction = 'outbound'")
			.query(String.class)
			.single();
		double deduplicatedBefore = deduplicated(this.http, "twilio_status");

		List<Http.Answer> sent = Concurrently.run(10,
				(i) -> postSignedWebhook(STATUS, statusCallback(sid, PHONE, "sent", null)));
		List<Http.Answer> delivered = Concurrently.run(10,
				(i) -> postSignedWebhook(STATUS, statusCallback(sid, PHONE, "delivered", null)));

		assertThat(sent).extracting(Http.Answer::status).containsOnly(204);
		assertThat(delivered).extracting(Http.Answer::status).containsOnly(204);
		assertThat(this.jdbc.sql("SELECT status FROM messages WHERE provider_sid = :sid")
			.param("sid", sid)
			.query(String.class)
			.single()).isEqualTo("delivered");
		assertThat(this.jdbc.sql("SELECT webhook_id FROM processed_webhooks WHERE webhook_type = 'twilio_status'")
			.query(String.class)
			.list()).containsExactlyInAnyOrder(sid + ":sent", sid + ":delivered");
		assertThat(deduplicated(this.http, "twilio_status") - deduplicatedBefore).isEqualTo(18);

		Http.Answer lateSent = postSignedWebhook(STATUS, statusCallback(sid, PHONE, "sent", null));

		assertThat(lateSent.status()).isEqualTo(204);
		assertThat(this.jdbc.sql("SELECT status FROM messages WHERE provider_sid = :sid")
			.param("sid", sid)
			.query(String.class)
			.single()).isEqualTo("delivered");
	}

	@Test
	void expiredWebhookRecordIsRemovedAndALateCopyStillStoresNoSecondMessage() {
		UUID leadId = contactedLead();
		Map<String, String> reply = inboundSms(REPLY_SID, PHONE, "Yes, call me after 5");
		isEmptyTwiml(postSignedWebhook(INBOUND, reply));
		Instant processedAt = this.clock.instant();
		assertThat(this.jdbc.sql("SELECT expires_at FROM processed_webhooks WHERE webhook_id = :id")
			.param("id", REPLY_SID)
			.query(OffsetDateTime.class)
			.single()
			.toInstant()).isEqualTo(processedAt.plus(Duration.ofHours(24)));
		double cleanedBefore = Prometheus.value(this.http, "webhooks_cleaned_total");

		this.clock.advance(Duration.ofHours(23));
		assertThat(cron().get("cleaned").asInt()).isZero();
		this.clock.advance(Duration.ofHours(2));
		JsonNode pass = cron();

		assertThat(pass.get("cleaned").asInt()).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM processed_webhooks")).isZero();
		assertThat(Prometheus.value(this.http, "webhooks_cleaned_total") - cleanedBefore).isEqualTo(1);

		isEmptyTwiml(postSignedWebhook(INBOUND, reply));

		assertThat(this.jdbc.sql("SELECT count(*) FROM messages WHERE provider_sid = :sid")
			.param("sid", REPLY_SID)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(leadStatus(leadId)).isEqualTo("replied");
	}

	/** A lead texted its instant response, the way every reply finds it. */
	private UUID contactedLead() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitAcceptedTo(PHONE, 1);
		awaitPipelineIdle();
		assertThat(leadStatus(leadId)).isEqualTo("contacted");
		return leadId;
	}

	private void assertRepliedOnce(UUID leadId) {
		assertThat(this.jdbc.sql("SELECT count(*) FROM messages WHERE provider_sid = :sid AND direction = 'inbound'")
			.param("sid", REPLY_SID)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT webhook_type FROM processed_webhooks WHERE webhook_id = :sid")
			.param("sid", REPLY_SID)
			.query(String.class)
			.list()).containsExactly("twilio_inbound");
		Map<String, Object> lead = this.jdbc
			.sql("SELECT status, next_followup_at, sequence_ended_reason FROM leads WHERE id = :id")
			.param("id", leadId)
			.query()
			.singleRow();
		assertThat(lead.get("status")).isEqualTo("replied");
		assertThat(lead.get("next_followup_at")).isNull();
		assertThat(lead.get("sequence_ended_reason")).isEqualTo("Lead replied");
	}

	/** The stopped sequence sends nothing more, however long we wait. */
	private void assertNoMoreFollowUps() {
		this.clock.advance(Duration.ofDays(15));
		this.periodicPass.runOnce();
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	private void isEmptyTwiml(Http.Answer answer) {
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("text/xml");
		assertThat(answer.body()).contains("<Response></Response>");
	}

	/**
	 * One pass of the periodic tasks through the cron endpoint, as an external scheduler
	 * calls it.
	 */
	private JsonNode cron() {
		Http.Answer answer = this.http.get("/api/cron/process-followups", "Authorization", "Bearer " + CRON_SECRET);
		assertThat(answer.status()).isEqualTo(200);
		return answer.json();
	}

	private static Http.Answer postSigned(Http instance, String path, Map<String, String> params) {
		String signature = TwilioWebhookSigner.sign(TwilioStandIn.AUTH_TOKEN, PUBLIC_URL + path, params);
		return instance.postForm(path, params, "X-Twilio-Signature", signature);
	}

	private static double deduplicated(Http instance, String type) {
		return Prometheus.value(instance, "webhooks_deduplicated_total", label("type", type));
	}

}
