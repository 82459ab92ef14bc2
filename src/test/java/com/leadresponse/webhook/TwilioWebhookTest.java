package com.leadresponse.webhook;

import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TwilioStandIn;
import com.leadresponse.support.TwilioWebhookSigner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioWebhookTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	@Test
	void signerMatchesTwilioDocumentedTestVector() {
		String signature = TwilioWebhookSigner.sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2",
				Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309", "Digits", "1234", "From",
						"+14158675309", "To", "+18005551212"));

		assertThat(signature).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
	}

	@Test
	void basicCredentialsInTheWebhookUrlAreNotTakenForAStaffSignIn() {
		// Twilio sends the user and password of a webhook URL like
		// https://user:pass@host/... as HTTP Basic; they are not a staff account's, and
		// the
		// signature alone decides.
		Map<String, String> params = inboundSms("SM" + "c".repeat(32), PHONE, "Yes, call me");
		String signature = TwilioWebhookSigner.sign(TwilioStandIn.AUTH_TOKEN, PUBLIC_URL + "/api/webhooks/twilio",
				params);
		String basic = "Basic " + java.util.Base64.getEncoder()
			.encodeToString((ADMIN_EMAIL + ":not-the-password").getBytes(java.nio.charset.StandardCharsets.UTF_8));

		Http.Answer answer = this.http.postForm("/api/webhooks/twilio", params, "X-Twilio-Signature", signature,
				"Authorization", basic);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound'")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM sign_in_attempts")).isZero();
	}

	@Test
	void missingSignatureGets403AndStoresNothing() {
		Http.Answer answer = this.http.postForm("/api/webhooks/twilio", inboundSms("SM" + "b".repeat(32), PHONE, "hi"));

		assertThat(answer.status()).isEqualTo(403);
		assertNothingStored();
	}

	@Test
	void badSignatureGets403AndStoresNothing() {
		Map<String, String> params = inboundSms("SM" + "b".repeat(32), PHONE, "hi");
		String signedForOtherBody = TwilioWebhookSigner.sign(TwilioStandIn.AUTH_TOKEN,
				PUBLIC_URL + "/api/webhooks/twilio", inboundSms("SM" + "b".repeat(32), PHONE, "something else"));

		Http.Answer answer = this.http.postForm("/api/webhooks/twilio", params, "X-Twilio-Signature",
				signedForOtherBody);

		assertThat(answer.status()).isEqualTo(403);
		assertNothingStored();
	}

	@Test
	void signatureOverTheRequestUrlInsteadOfThePublicUrlGets403() {
		Map<String, String> params = inboundSms("SM" + "b".repeat(32), PHONE, "hi");
		String signedForLocalUrl = TwilioWebhookSigner.sign(TwilioStandIn.AUTH_TOKEN,
				"http://localhost:" + this.port + "/api/webhooks/twilio", params);

		Http.Answer answer = this.http.postForm("/api/webhooks/twilio", params, "X-Twilio-Signature",
				signedForLocalUrl);

		assertThat(answer.status()).isEqualTo(403);
		assertNothingStored();
	}

	@Test
	void badlySignedStatusCallbackGets403AndChangesNothing() {
		Http.Answer answer = this.http.postForm("/api/webhooks/twilio/status",
				Map.of("MessageSid", "SM" + "c".repeat(32), "MessageStatus", "delivered"), "X-Twilio-Signature",
				"AAAA");

		assertThat(answer.status()).isEqualTo(403);
		assertThat(count("SELECT count(*) FROM processed_webhooks")).isZero();
	}

	@Test
	void queryParametersAreSignedInTheUrlButNotAsParameters() {
		createLead("Maria", PHONE);
		awaitPipelineIdle();
		String path = "/api/webhooks/twilio?source=console";
		Map<String, String> params = inboundSms("SM" + "d".repeat(32), PHONE, "hello");
		String signature = TwilioWebhookSigner.sign(TwilioStandIn.AUTH_TOKEN, PUBLIC_URL + path, params);

		Http.Answer answer = this.http.postForm(path, params, "X-Twilio-Signature", signature);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound'")).isEqualTo(1);
	}

	@Test
	void replyIsStoredOnItsLeadAndStopsTheSequence() {
		UUID leadId = createLead("Maria", PHONE);
		awaitPipelineIdle();

		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "e".repeat(32), PHONE, "Yes, call me"));

		assertThat(this.jdbc.sql("SELECT body FROM messages WHERE lead_id = :id AND direction = 'inbound'")
			.param("id", leadId)
			.query(String.class)
			.single()).isEqualTo("Yes, call me");
		assertThat(leadStatus(leadId)).isEqualTo("replied");
		assertThat(this.jdbc.sql("SELECT next_followup_at IS NULL FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void smsFromUnknownNumberCreatesAReplyingLeadWithoutSequence() {
		Http.Answer answer = postSignedWebhook("/api/webhooks/twilio",
				inboundSms("SM" + "f".repeat(32), "+15125550199", "Do you bore under roads?"));

		assertThat(answer.status()).isEqualTo(200);
		var lead = this.jdbc.sql(
				"SELECT source, status, next_followup_at IS NULL AS no_sequence FROM leads WHERE phone = '+15125550199'")
			.query((rs, row) -> new Object[] { rs.getString(1), rs.getString(2), rs.getBoolean(3) })
			.single();
		assertThat(lead).containsExactly("sms", "replied", true);
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound'")).isEqualTo(1);
		assertThat(twilio.received()).isEmpty();
	}

	@Test
	void webhookWithoutMessageSidGets400AndStoresNothing() {
		Map<String, String> params = inboundSms("SM" + "b".repeat(32), PHONE, "hi");
		params.remove("MessageSid");

		Http.Answer answer = postSignedWebhook("/api/webhooks/twilio", params);

		assertThat(answer.status()).isEqualTo(400);
		assertNothingStored();
	}

	private void assertNothingStored() {
		assertThat(count("SELECT count(*) FROM processed_webhooks")).isZero();
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound'")).isZero();
		assertThat(count("SELECT count(*) FROM leads WHERE source = 'sms'")).isZero();
	}

}
