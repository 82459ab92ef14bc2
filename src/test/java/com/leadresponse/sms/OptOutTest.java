package com.leadresponse.sms;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TwilioStandIn.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consent (SPEC 5.7): Twilio's opt-out keywords stop every later send, automatic and
 * manual, checked at the moment of sending; opt-in keywords allow sends again.
 */
class OptOutTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	private static final String WEBHOOK = "/api/webhooks/twilio";

	private int inboundCount;

	@Autowired
	private Deliveries deliveries;

	@ParameterizedTest
	@ValueSource(strings = { "STOP", "stop", " Stop ", "STOPALL", "unsubscribe", "Cancel", "END", "quit", "REVOKE",
			"OptOut" })
	void optOutKeywordBlocksEveryLaterFollowUp(String keyword) {
		UUID leadId = leadTextedOnce();

		assertThat(inbound(keyword).status()).isEqualTo(200);

		Map<String, Object> lead = lead(leadId);
		assertThat(lead.get("opted_out_at")).isNotNull();
		assertThat(lead.get("next_followup_at")).isNull();
		assertThat(lead.get("sequence_ended_reason")).isEqualTo("Opted out");
		// Day by day through the sequence's first steps (+1 day, +3 days), well before it
		// would expire.
		for (int day = 0; day < 5; day++) {
			this.clock.advance(Duration.ofDays(1));
			this.periodicPass.runOnce();
		}
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void twilioOptOutTypeStopBlocksSendsWhateverTheWording() {
		UUID leadId = leadTextedOnce();
		Map<String, String> params = inboundSms(nextSid(), PHONE, "ARRET");
		params.put("OptOutType", "STOP");

		postSignedWebhook(WEBHOOK, params);

		assertThat(lead(leadId).get("opted_out_at")).isNotNull();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(manualSend(leadId).status()).isEqualTo(409);
	}

	@Test
	void manualSendToAnOptedOutLeadAnswers409AndIsStoredBlocked() {
		UUID leadId = leadTextedOnce();
		inbound("STOP");
		this.clock.advance(Duration.ofMinutes(5));

		Http.Answer answer = manualSend(leadId);

		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.json().get("success").asBoolean()).isFalse();
		assertThat(answer.json().get("error").asString()).isEqualTo("Recipient opted out");
		assertThat(count(
				"SELECT count(*) FROM messages WHERE status = 'blocked' AND error_message = 'Recipient opted out'"))
			.isEqualTo(1);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void adminBypassOfTheRateLimitDoesNotBypassAnOptOut() {
		UUID leadId = leadTextedOnce();
		inbound("STOP");

		Http.Answer answer = this.http.postJson("/api/leads/" + leadId + "/messages",
				"{\"body\":\"Are you still there?\",\"bypassRateLimit\":true}", "Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(409);
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "START", "yes", "Unstop" })
	void optInKeywordAllowsSendsAgainButTheSequenceStaysEnded(String keyword) {
		UUID leadId = leadTextedOnce();
		inbound("STOP");
		inbound(keyword);
		this.clock.advance(Duration.ofMinutes(5));

		Http.Answer answer = manualSend(leadId);

		assertThat(answer.status()).isEqualTo(202);
		awaitAcceptedTo(PHONE, 2);
		assertThat(lead(leadId).get("opted_out_at")).isNull();
		assertThat(lead(leadId).get("next_followup_at")).isNull();
		this.clock.advance(Duration.ofDays(3));
		this.periodicPass.runOnce();
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(2);
	}

	@Test
	void keywordsGetNoConfirmationTextFromTheService() {
		leadTextedOnce();

		inbound("STOP");
		inbound("START");
		this.periodicPass.runOnce();
		awaitPipelineIdle();

		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void leadThatOptsOutAfterAMessageWasQueuedDoesNotGetIt() {
		// The instant response is queued and its first attempt refused with 429; it waits
		// for a retry when the lead texts STOP.
		twilio.answerNext(Answer.tooManyRequests());
		UUID leadId = createLead("Maria Lopez", PHONE);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "queued".equals(instantMessage(leadId).get("status"))
					&& instantMessage(leadId).get("attempts").equals(1));
		inbound("STOP");

		this.deliveries.settle();
		this.periodicPass.runOnce();

		Map<String, Object> message = instantMessage(leadId);
		assertThat(message.get("status")).isEqualTo("blocked");
		assertThat(message.get("error_message")).isEqualTo("Recipient opted out");
		assertThat(twilio.accepted()).isEmpty();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	private UUID leadTextedOnce() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitAcceptedTo(PHONE, 1);
		awaitPipelineIdle();
		return leadId;
	}

	private Http.Answer inbound(String body) {
		return postSignedWebhook(WEBHOOK, inboundSms(nextSid(), PHONE, body));
	}

	private String nextSid() {
		this.inboundCount++;
		return "SM" + String.format("%032x", this.inboundCount);
	}

	private Http.Answer manualSend(UUID leadId) {
		return this.http.postJson("/api/leads/" + leadId + "/messages", "{\"body\":\"Are you still there?\"}",
				"Authorization", staffAuth());
	}

	private Map<String, Object> lead(UUID leadId) {
		return this.jdbc.sql("SELECT * FROM leads WHERE id = :id").param("id", leadId).query().singleRow();
	}

	private Map<String, Object> instantMessage(UUID leadId) {
		return this.jdbc.sql("""
				SELECT status, error_message, attempts FROM messages WHERE lead_id = :id AND sequence_step = 1
				""").param("id", leadId).query().singleRow();
	}

}
