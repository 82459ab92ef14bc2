package com.leadresponse.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.leadresponse.jobs.Backoff;
import com.leadresponse.sms.SendingProperties;
import com.leadresponse.sms.TwilioProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Downloads one inbound medium, as the background task {@code media-download} (SPEC 10):
 * from Twilio's API host only, with the account's HTTP Basic credentials (Twilio requires
 * them for media), following Twilio's redirect to its storage without them; at most 5 MB,
 * read into memory one item at a time; failures that may pass (a refused connection, a
 * 5xx, a 429) are tried again after the backoff, the others end the item {@code failed}
 * with the reason staff read. The message's text is stored either way.
 */
@Component
class MediaDownload {

	private static final Logger log = LoggerFactory.getLogger(MediaDownload.class);

	static final TaskDescriptor<String> TASK = TaskDescriptor.of("media-download", String.class);

	/** SPEC 10: at most 5 MB an item. */
	static final int MAX_BYTES = 5 * 1024 * 1024;

	private static final int MAX_REDIRECTS = 3;

	private final MediaRepository media;

	private final TwilioProperties twilio;

	private final Backoff backoff;

	private final Clock clock;

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	MediaDownload(MediaRepository media, TwilioProperties twilio, SendingProperties sending, Clock clock) {
		this.media = media;
		this.twilio = twilio;
		this.backoff = sending.backoff();
		this.clock = clock;
	}

	@Bean
	CustomTask<String> mediaDownloadTask() {
		return Tasks.custom(TASK)
			.onFailure(this.backoff.failureHandler(
					(complete, attempts) -> log.warn("Gave up downloading medium {} after {} failed attempts",
							complete.getExecution().taskInstance.getId(), attempts)))
			.execute((instance, context) -> download(UUID.fromString(instance.getData())));
	}

	/** One attempt at one item. */
	CompletionHandler<String> download(UUID id) {
		Optional<MediaItem> started = this.media.startAttempt(id, this.clock.instant());
		if (started.isEmpty()) {
			return done();
		}
		MediaItem item = started.get();
		Outcome outcome = fetch(item.providerUrl());
		Instant now = this.clock.instant();
		if (outcome instanceof Outcome.Fetched fetched) {
			this.media.store(id, storedType(fetched.content(), item.contentType()), fetched.content(), now);
			return done();
		}
		if (outcome instanceof Outcome.Retry retry && !this.backoff.exhausted(item.attempts())) {
			this.media.noteRetry(id, retry.reason(), now);
			return (complete, operations) -> operations.reschedule(complete,
					now.plus(this.backoff.delayAfter(item.attempts())));
		}
		String reason = (outcome instanceof Outcome.Retry retry)
				? retry.reason() + " (gave up after " + item.attempts() + " attempts)"
				: ((Outcome.Refused) outcome).reason();
		this.media.fail(id, reason, now);
		return done();
	}

	/** What one attempt got. */
	sealed interface Outcome {

		record Fetched(byte[] content) implements Outcome {
		}

		/** Worth another attempt later. */
		record Retry(String reason) implements Outcome {
		}

		/** Never worth another attempt. */
		record Refused(String reason) implements Outcome {
		}

	}

	private Outcome fetch(String url) {
		if (SimulatorPhoto.isSimulated(url)) {
			return this.twilio.configured() ? new Outcome.Refused("Not a Twilio media address")
					: new Outcome.Fetched(SimulatorPhoto.bytes(url));
		}
		if (!this.twilio.configured()) {
			return new Outcome.Refused("Not downloaded: Twilio is not configured");
		}
		URI uri = URI.create(url);
		if (!onTwilioHost(uri)) {
			// Credentials go to Twilio's API host alone; an address elsewhere is not
			// read.
			return new Outcome.Refused("Not downloaded: the address is not on Twilio's API host ("
					+ this.twilio.apiBaseUrl().getHost() + ")");
		}
		try {
			for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
				HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
				if (onTwilioHost(uri)) {
					request.header("Authorization", basic());
				}
				HttpResponse<InputStream> answer = this.http.send(request.build(),
						HttpResponse.BodyHandlers.ofInputStream());
				int status = answer.statusCode();
				if (status >= 300 && status < 400 && answer.headers().firstValue("Location").isPresent()) {
					answer.body().close();
					uri = uri.resolve(answer.headers().firstValue("Location").get());
					continue;
				}
				try (InputStream body = answer.body()) {
					return read(status, answer, body);
				}
			}
			return new Outcome.Refused("Too many redirects");
		}
		catch (IOException ex) {
			return new Outcome.Retry("Could not reach " + uri.getHost() + ": " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Outcome.Retry("Interrupted");
		}
	}

	private static Outcome read(int status, HttpResponse<InputStream> answer, InputStream body) throws IOException {
		if (status == 429 || status >= 500) {
			return new Outcome.Retry("The media host answered " + status);
		}
		if (status != 200) {
			return new Outcome.Refused("The media host answered " + status);
		}
		long declared = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
		if (declared > MAX_BYTES) {
			return new Outcome.Refused(tooLarge());
		}
		byte[] content = body.readNBytes(MAX_BYTES + 1);
		return (content.length > MAX_BYTES) ? new Outcome.Refused(tooLarge()) : new Outcome.Fetched(content);
	}

	private static String tooLarge() {
		return "Larger than 5 MB: not kept";
	}

	/** The same scheme, host and port as TWILIO_API_BASE_URL. */
	private boolean onTwilioHost(URI uri) {
		URI base = this.twilio.apiBaseUrl();
		return Objects.equals(base.getScheme(), uri.getScheme())
				&& base.getHost().equalsIgnoreCase(Objects.requireNonNullElse(uri.getHost(), ""))
				&& port(base) == port(uri);
	}

	private static int port(URI uri) {
		return (uri.getPort() != -1) ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
	}

	private String basic() {
		return "Basic " + Base64.getEncoder()
			.encodeToString(
					(this.twilio.accountSid() + ":" + this.twilio.authToken()).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The type the bytes show, so a file that claims to be a photo but is HTML is never
	 * served as a photo; the declared type where the bytes tell nothing more.
	 */
	private static String storedType(byte[] content, String declared) {
		String detected = MediaTypes.detect(Arrays.copyOf(content, Math.min(content.length, 8192)));
		return "application/octet-stream".equals(detected) ? declared : detected;
	}

	private static CompletionHandler<String> done() {
		return (complete, operations) -> operations.remove();
	}

}
