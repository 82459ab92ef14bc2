package com.leadresponse.outboundwebhook;

import java.security.SecureRandom;
import java.util.Base64;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * Standard Webhooks signatures (SPEC 11), with the specification's own Java library:
 * {@code webhook-signature} is {@code v1,} and the base64 HMAC-SHA256 of
 * {@code id.timestamp.body}, keyed by the base64-decoded secret after {@code whsec_}.
 */
final class WebhookSigner {

	static final String SECRET_PREFIX = "whsec_";

	/** 24 random bytes: a 192-bit key, as the specification's reference products make. */
	private static final int SECRET_BYTES = 24;

	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookSigner() {
	}

	/** A new endpoint's secret: {@code whsec_} and the base64 of random bytes. */
	static String newSecret() {
		byte[] key = new byte[SECRET_BYTES];
		RANDOM.nextBytes(key);
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/** The {@code webhook-signature} header of one attempt. */
	static String sign(String secret, String webhookId, long timestampSeconds, String body) {
		try {
			return new Webhook(secret).sign(webhookId, timestampSeconds, body);
		}
		catch (EmptyWebhookSecretException | WebhookSigningException ex) {
			throw new IllegalStateException("Cannot sign with the endpoint's secret", ex);
		}
	}

}
