package com.leadresponse.outboundwebhook;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signature of SPEC 11 is the Standard Webhooks specification's: checked with the
 * specification's own test vector, and new secrets have its form.
 */
class WebhookSignerTest {

	@Test
	void signatureMatchesTheSpecificationsTestVector() {
		assertThat(WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
				1614265330L, "{\"test\": 2432232314}"))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
		assertThat(OutboundWebhookTest.independentSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
				"msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", "{\"test\": 2432232314}"))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void newSecretsAreWhsecAndBase64OfRandomBytes() {
		String secret = WebhookSigner.newSecret();
		assertThat(secret).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(24);
		assertThat(WebhookSigner.newSecret()).isNotEqualTo(secret);
	}

}
