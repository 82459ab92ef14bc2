package com.leadresponse.outboundwebhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Posts one signed event to a receiver (SPEC 11): JSON, with the Standard Webhooks
 * headers, within the configured timeouts, redirects not followed (a receiver that moved
 * answers 3xx, a failure the log shows), the answer's body never read (only its status
 * counts).
 */
@Component
class WebhookSender {

	/** What one attempt came to; only a 2xx answer is a delivery. */
	sealed interface Outcome {

		record Delivered(int status) implements Outcome {
		}

		/** The receiver answered, but not 2xx. */
		record Refused(int status) implements Outcome {
		}

		/** No answer: refused connection, unknown host, timeout. */
		record Unreachable(String reason) implements Outcome {
		}

	}

	private final HttpClient client;

	private final OutboundWebhookProperties properties;

	WebhookSender(OutboundWebhookProperties properties) {
		this.properties = properties;
		this.client = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	Outcome post(String url, String secret, String webhookId, String body, Instant now) {
		long timestamp = now.getEpochSecond();
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(url))
				.timeout(this.properties.requestTimeout())
				.header("Content-Type", "application/json")
				.header("User-Agent", "LeadResponse-Webhooks/1")
				.header("webhook-id", webhookId)
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature", WebhookSigner.sign(secret, webhookId, timestamp, body))
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.build();
		}
		catch (IllegalArgumentException ex) {
			return new Outcome.Unreachable("Not a URL this service can post to: " + ex.getMessage());
		}
		try {
			HttpResponse<InputStream> response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
			// Only the status counts: closing unread drops whatever the receiver sends.
			response.body().close();
			int status = response.statusCode();
			return (status >= 200 && status < 300) ? new Outcome.Delivered(status) : new Outcome.Refused(status);
		}
		catch (HttpConnectTimeoutException ex) {
			return new Outcome.Unreachable("Connection timed out after " + this.properties.connectTimeout());
		}
		catch (HttpTimeoutException ex) {
			return new Outcome.Unreachable("No answer within " + this.properties.requestTimeout());
		}
		catch (IOException ex) {
			return new Outcome.Unreachable(describe(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome.Unreachable("Interrupted (the service is stopping)");
		}
	}

	private static String describe(IOException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		return (message.length() > 300) ? message.substring(0, 300) : message;
	}

}
