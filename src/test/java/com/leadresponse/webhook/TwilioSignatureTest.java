package com.leadresponse.webhook;

import java.util.Map;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TwilioStandIn;
import com.leadresponse.support.TwilioWebhookSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook signatures (SPEC 3): a webhook signed for another URL than APP_PUBLIC_URL, the
 * usual misconfiguration, is refused, stores nothing, and says so in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class TwilioSignatureTest extends IntegrationTest {

	@Test
	void webhookSignedForAnotherUrlIsRejected403StoresNothingAndIsLogged(CapturedOutput output) {
		Map<String, String> reply = inboundSms("SM" + "b2".repeat(16), "+15125550134", "Call me");
		String signature = TwilioWebhookSigner.sign(TwilioStandIn.AUTH_TOKEN,
				"http://10.0.0.5:8080/api/webhooks/twilio", reply);

		Http.Answer answer = this.http.postForm("/api/webhooks/twilio", reply, "X-Twilio-Signature", signature);

		assertThat(answer.status()).isEqualTo(403);
		assertThat(count("SELECT count(*) FROM processed_webhooks")).isZero();
		assertThat(count("SELECT count(*) FROM messages")).isZero();
		assertThat(count("SELECT count(*) FROM leads")).isZero();
		assertThat(output).contains("Rejected Twilio webhook with an invalid or missing X-Twilio-Signature (403)")
			.contains(PUBLIC_URL + "/api/webhooks/twilio")
			.doesNotContain("Call me");
	}

}
