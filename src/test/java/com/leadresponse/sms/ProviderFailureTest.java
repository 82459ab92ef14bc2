package com.leadresponse.sms;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TwilioStandIn;
import com.leadresponse.support.TwilioStandIn.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the sending pipeline ends each kind of provider failure (SPEC 5.9), against the
 * local Twilio stand-in: only what Twilio surely did not take is posted again.
 */
class ProviderFailureTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	/** Longer than lead-response.sending.reconcile-after (2 minutes). */
	private static final Duration PAST_RECONCILE = Duration.ofMinutes(3);

	@Autowired
	private Deliveries deliveries;

	@Test
	void serverErrorIsPostedOnceAndEndsUnknownWhenTwilioHasNoRecord() {
		twilio.answerNext(Answer.serverError());
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitInstantMessage(leadId, "sending", "HTTP 500");

		this.deliveries.settle();
		this.clock.advance(PAST_RECONCILE);
		this.deliveries.settle();
		this.periodicPass.runOnce();

		Map<String, Object> message = instantMessage(leadId);
		assertThat(message.get("status")).isEqualTo("unknown");
		assertThat(message.get("provider_sid")).isNull();
		assertThat((String) message.get("error_message")).contains("the provider has no record of this message");
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(leadStatus(leadId)).isEqualTo("new");
	}

	@Test
	void acceptedSendWhoseAnswerIsLostIsReconciledWithTwilioSidAndNotResent() {
		// Twilio takes the message but the answer never arrives (connection dropped).
		twilio.afterAccept(() -> {
			throw new IllegalStateException("connection lost before the answer");
		});
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitInstantMessage(leadId, "sending", "connection");
		twilio.afterAccept(() -> {
		});

		this.deliveries.settle();
		assertThat(instantMessage(leadId).get("status")).isEqualTo("sending");
		this.clock.advance(PAST_RECONCILE);
		this.deliveries.settle();

		Map<String, Object> message = instantMessage(leadId);
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(message.get("status")).isEqualTo("sent");
		assertThat(message.get("provider_sid")).isEqualTo(twilio.receivedFor(PHONE).get(0).sid());
		assertThat(message.get("error_code")).isNull();
		assertThat(leadStatus(leadId)).isEqualTo("contacted");
	}

	@Test
	void reconciliationTakesTwilioCurrentStatusForCallbacksThatCameBeforeTheSid() {
		twilio.afterAccept(() -> {
			throw new IllegalStateException("connection lost before the answer");
		});
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitInstantMessage(leadId, "sending", "connection");
		twilio.afterAccept(() -> {
		});
		String sid = twilio.receivedFor(PHONE).get(0).sid();
		// Twilio delivers it and calls back while the message has no SID here yet.
		Map<String, String> delivered = new java.util.LinkedHashMap<>(Map.of("MessageSid", sid, "MessageStatus",
				"delivered", "AccountSid", TwilioStandIn.ACCOUNT_SID, "From", TwilioStandIn.FROM, "To", PHONE));
		assertThat(postSignedWebhook("/api/webhooks/twilio/status", delivered).status()).isEqualTo(204);
		twilio.listStatus(sid, "delivered");

		this.clock.advance(PAST_RECONCILE);
		this.deliveries.settle();

		Map<String, Object> message = instantMessage(leadId);
		assertThat(message.get("provider_sid")).isEqualTo(sid);
		assertThat(message.get("status")).isEqualTo("delivered");
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void tooManyRequestsIsRetriedAndTheMessageSentOnce() {
		twilio.answerNext(Answer.tooManyRequests());
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitInstantMessage(leadId, "queued", "20429");

		this.deliveries.settle();

		Map<String, Object> message = instantMessage(leadId);
		assertThat(twilio.receivedFor(PHONE)).extracting(TwilioStandIn.Received::answeredStatus)
			.containsExactly(429, 201);
		assertThat(message.get("status")).isEqualTo("sent");
		assertThat(message.get("attempts")).isEqualTo(2);
		assertThat(message.get("provider_sid")).isEqualTo(twilio.accepted().get(0).sid());
		assertThat(message.get("error_code")).isNull();
	}

	@Test
	void periodicPassRetriesRateLimitedSendsWithBackoffUntilAccepted() {
		twilio.answerNext(Answer.tooManyRequests(), Answer.tooManyRequests());
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitInstantMessage(leadId, "queued", "20429");

		this.periodicPass.runOnce();
		this.periodicPass.runOnce();

		assertThat(twilio.receivedFor(PHONE)).extracting(TwilioStandIn.Received::answeredStatus)
			.containsExactly(429, 429, 201);
		assertThat(instantMessage(leadId).get("status")).isEqualTo("sent");
	}

	@Test
	void rateLimitedSendGivesUpAsFailedAfterMaxAttempts() {
		twilio.answerNext(Answer.tooManyRequests(), Answer.tooManyRequests(), Answer.tooManyRequests(),
				Answer.tooManyRequests(), Answer.tooManyRequests());
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitInstantMessage(leadId, "queued", "20429");

		for (int i = 0; i < 6; i++) {
			this.deliveries.settle();
		}

		Map<String, Object> message = instantMessage(leadId);
		assertThat(message.get("status")).isEqualTo("failed");
		assertThat((String) message.get("error_message")).endsWith("(gave up after 5 attempts)");
		assertThat(twilio.receivedFor(PHONE)).hasSize(5);
		assertThat(twilio.accepted()).isEmpty();
	}

	@Test
	void connectionRefusedIsRetriedAndTheMessageSentOnce() {
		twilio.refuseConnections();
		UUID leadId;
		try {
			leadId = createLead("Maria Lopez", PHONE);
			awaitInstantMessage(leadId, "queued", "connection");
			this.deliveries.settle();
			assertThat(instantMessage(leadId).get("status")).isEqualTo("queued");
		}
		finally {
			twilio.acceptConnections();
		}

		this.deliveries.settle();

		Map<String, Object> message = instantMessage(leadId);
		assertThat(message.get("status")).isEqualTo("sent");
		assertThat(message.get("attempts")).isEqualTo(3);
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(message.get("provider_sid")).isEqualTo(twilio.accepted().get(0).sid());
	}

	@Test
	void optedOutErrorMarksTheLeadOptedOutAndStopsItsSequence() {
		twilio.answerNext(Answer.error(21610, "Attempt to send to unsubscribed recipient"));
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitInstantMessage(leadId, "failed", "21610");

		Map<String, Object> lead = lead(leadId);
		assertThat(lead.get("opted_out_at")).isNotNull();
		assertThat(lead.get("next_followup_at")).isNull();
		assertThat(lead.get("sequence_ended_reason")).isEqualTo("Opted out");
		this.clock.advance(Duration.ofDays(2));
		this.periodicPass.runOnce();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 21211, 21614 })
	void permanentRecipientErrorFailsTheMessageAndEndsTheSequenceSayingWhy(int code) {
		twilio.answerNext(Answer.error(code, "The 'To' number is not valid or cannot receive SMS"));
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitInstantMessage(leadId, "failed", String.valueOf(code));

		Map<String, Object> lead = lead(leadId);
		assertThat(lead.get("next_followup_at")).isNull();
		assertThat((String) lead.get("sequence_ended_reason")).startsWith("Provider error " + code);
		assertThat(lead.get("opted_out_at")).isNull();
		this.clock.advance(Duration.ofDays(2));
		this.periodicPass.runOnce();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(instantMessage(leadId).get("attempts")).isEqualTo(1);
	}

	private void awaitInstantMessage(UUID leadId, String status, String errorCode) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Object> message = instantMessage(leadId);
			assertThat(message.get("status")).isEqualTo(status);
			assertThat(message.get("error_code")).isEqualTo(errorCode);
		});
	}

	private Map<String, Object> instantMessage(UUID leadId) {
		return this.jdbc.sql("""
				SELECT status, provider_sid, error_code, error_message, attempts FROM messages
				WHERE lead_id = :id AND sequence_step = 1
				""").param("id", leadId).query().singleRow();
	}

	private Map<String, Object> lead(UUID leadId) {
		return this.jdbc.sql("SELECT * FROM leads WHERE id = :id").param("id", leadId).query().singleRow();
	}

}
