package com.leadresponse.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.time.Clock;
import java.util.Base64;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.leadresponse.jobs.Backoff;
import com.leadresponse.system.AppProperties;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.Notification;
import nl.martijndwars.webpush.Utils;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import nl.martijndwars.webpush.PushService;
import nl.martijndwars.webpush.Urgency;
import org.apache.http.Header;
import org.apache.http.client.methods.HttpPost;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.lang.JoseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Delivers one Web Push notification, as the background task {@code web-push}: the
 * payload encrypted for the browser (aes128gcm, RFC 8291) and signed for the push service
 * (VAPID, RFC 8292) by the web-push library, posted once per run. The push service
 * answers 201; a subscription it no longer knows (404, 410) is removed; one that is busy
 * or down (429, 5xx, no answer) is tried again after the backoff of every background
 * task.
 */
@Component
class PushDelivery {

	private static final Logger log = LoggerFactory.getLogger(PushDelivery.class);

	/** What one run sends, and to which subscription. */
	record Push(String subscriptionId, String payload) {
	}

	static final TaskDescriptor<Push> TASK = TaskDescriptor.of("web-push", Push.class);

	/** How long a push service keeps a notification for a device that is offline. */
	static final Duration TIME_TO_LIVE = Duration.ofHours(12);

	static {
		if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
			Security.addProvider(new BouncyCastleProvider());
		}
	}

	private final PushSubscriptionRepository subscriptions;

	private final PushKeys keys;

	private final AppProperties app;

	private final Backoff backoff;

	private final Clock clock;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	PushDelivery(PushSubscriptionRepository subscriptions, PushKeys keys, AppProperties app, PushProperties properties,
			Clock clock) {
		this.subscriptions = subscriptions;
		this.keys = keys;
		this.app = app;
		this.backoff = properties.backoff();
		this.clock = clock;
	}

	@Bean
	OneTimeTask<Push> webPushTask() {
		return Tasks.oneTime(TASK)
			.onFailure(this.backoff.failureHandler((complete, attempts) -> log
				.warn("Gave up delivering a Web Push notification after {} attempts", attempts)))
			.execute((instance, context) -> deliver(instance.getData()));
	}

	/** One run: post the notification; throws when it may be tried again. */
	void deliver(Push push) {
		Optional<PushSubscriptionRepository.Subscription> found = this.subscriptions
			.find(UUID.fromString(push.subscriptionId()));
		if (found.isEmpty()) {
			return;
		}
		PushSubscriptionRepository.Subscription subscription = found.get();
		HttpResponse<String> answer;
		try {
			answer = this.http.send(request(subscription, push.payload()), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Push service unreachable: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while pushing", ex);
		}
		int status = answer.statusCode();
		if (status >= 200 && status < 300) {
			this.subscriptions.delivered(subscription.id(), this.clock.instant());
		}
		else if (status == 404 || status == 410) {
			// The browser unsubscribed or the subscription expired: nobody reads it.
			this.subscriptions.delete(subscription.id());
		}
		else if (status == 429 || status >= 500) {
			throw new IllegalStateException("Push service answered " + status + "; tried again later");
		}
		else {
			log.warn("Push service refused a notification with {}: {}", status, answer.body());
		}
	}

	/** The request the web-push library builds, sent with the JDK's client. */
	private HttpRequest request(PushSubscriptionRepository.Subscription subscription, String payload) {
		try {
			PushKeys.Pair pair = this.keys.current();
			PushService service = new PushService(pair.publicKey(), pair.privateKey(), subject());
			Notification notification = new OriginalNotification(subscription.endpoint(),
					(ECPublicKey) Utils.loadPublicKey(subscription.p256dh()),
					Base64.getUrlDecoder().decode(subscription.auth()), payload.getBytes(StandardCharsets.UTF_8),
					(int) TIME_TO_LIVE.toSeconds(), Urgency.HIGH);
			HttpPost post = service.preparePost(notification, Encoding.AES128GCM);
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(subscription.endpoint()))
				.timeout(Duration.ofSeconds(10));
			for (Header header : post.getAllHeaders()) {
				if (!header.getName().equalsIgnoreCase("Content-Length")) {
					request.header(header.getName(), header.getValue());
				}
			}
			byte[] body = post.getEntity().getContent().readAllBytes();
			return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
		}
		catch (GeneralSecurityException | JoseException | IOException ex) {
			throw new IllegalStateException("Could not build the push request: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A notification whose VAPID audience is the push service's origin as RFC 8292 says
	 * (RFC 6454: scheme, host, and the port when it is not the scheme's default); the
	 * library leaves the port out.
	 */
	private static final class OriginalNotification extends Notification {

		OriginalNotification(String endpoint, ECPublicKey userKey, byte[] auth, byte[] payload, int ttl,
				Urgency urgency) {
			super(endpoint, userKey, auth, payload, ttl, urgency, null);
		}

		@Override
		public String getOrigin() {
			URI endpoint = URI.create(getEndpoint());
			int port = endpoint.getPort();
			boolean defaultPort = port == -1 || (port == 443 && "https".equals(endpoint.getScheme()))
					|| (port == 80 && "http".equals(endpoint.getScheme()));
			return endpoint.getScheme() + "://" + endpoint.getHost() + (defaultPort ? "" : ":" + port);
		}

	}

	/** VAPID's contact: the service's own URL when it is https, else a mailbox. */
	private String subject() {
		String url = this.app.publicUrl().toString();
		return url.startsWith("https://") ? url : "mailto:lead-response@localhost";
	}

}
