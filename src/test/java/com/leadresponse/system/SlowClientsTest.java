package com.leadresponse.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TwilioStandIn;
import com.leadresponse.support.TwilioWebhookSigner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several hundred sockets trickling request bodies from one address (127.0.0.2, which
 * Linux routes to loopback) do not stop the service: ordinary requests, a signed Twilio
 * webhook and the health endpoint from another address are answered in time throughout,
 * against the real server. The slow address gets a few bodies read (and 408 when they do
 * not arrive in time); the rest of its sockets are refused with 503 at once.
 */
class SlowClientsTest extends IntegrationTest {

	private static final int SLOW_SOCKETS = 300;

	private static final Duration PRESSURE = Duration.ofSeconds(15);

	/**
	 * Far below the minute the service was unresponsive for before, and below Twilio's 15
	 * s wait for a webhook's answer.
	 */
	private static final Duration IN_TIME = Duration.ofSeconds(5);

	private static final String PHONE = "+15125550134";

	/** What one ordinary request got, and how long it took. */
	private record Answered(String what, int status, Duration took) {
	}

	@Test
	void slowBodiesFromOneAddressLeaveOrdinaryRequestsWebhooksAndHealthAnsweredInTime() throws Exception {
		createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		SlowAddress slow = new SlowAddress(this.port);
		Thread attacker = new Thread(slow::run, "slow-clients");
		attacker.start();
		List<Answered> answered = new ArrayList<>();
		try {
			slow.awaitOpen(SLOW_SOCKETS, Duration.ofSeconds(10));
			HttpClient client = HttpClient.newBuilder().connectTimeout(IN_TIME).build();
			long end = System.nanoTime() + PRESSURE.toNanos();
			for (int i = 1; System.nanoTime() < end; i++) {
				answered.add(timed("health", client, this.http.request("/actuator/health").GET()));
				answered.add(timed("lead list", client,
						this.http.request("/api/leads").header("Authorization", staffAuth()).GET()));
				answered.add(timed("webhook", client, signedWebhook(i)));
				Thread.sleep(500);
			}
		}
		finally {
			slow.stop();
			attacker.join(Duration.ofSeconds(30).toMillis());
		}

		assertThat(answered).as("three requests every round, at least five rounds")
			.hasSizeGreaterThanOrEqualTo(15)
			.allSatisfy((a) -> assertThat(a.took()).as(a.what()).isLessThan(IN_TIME))
			.allSatisfy((a) -> assertThat(a.status()).as(a.what()).isEqualTo(200));
		assertThat(slow.opened.get()).as("slow sockets opened").isGreaterThanOrEqualTo(SLOW_SOCKETS);
		assertThat(slow.answers).as("what the slow sockets were answered").containsKeys(503, 408);
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound'"))
			.isEqualTo((int) answered.stream().filter((a) -> a.what().equals("webhook")).count());
	}

	private HttpRequest.Builder signedWebhook(int i) {
		var params = inboundSms("SM" + String.format("%032x", i), PHONE, "Message " + i);
		String signature = TwilioWebhookSigner.sign(TwilioStandIn.AUTH_TOKEN, PUBLIC_URL + "/api/webhooks/twilio",
				params);
		return this.http.request("/api/webhooks/twilio")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Twilio-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(Http.form(params)));
	}

	private static Answered timed(String what, HttpClient client, HttpRequest.Builder request) {
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = client.send(request.timeout(IN_TIME.multipliedBy(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Answered(what, response.statusCode(), Duration.ofNanos(System.nanoTime() - start));
		}
		catch (IOException ex) {
			return new Answered(what + " (" + ex + ")", -1, Duration.ofNanos(System.nanoTime() - start));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Keeps {@link #SLOW_SOCKETS} sockets from 127.0.0.2 sending a webhook's headers and
	 * then its body one byte a second; a socket the service answers or closes is replaced
	 * by a new one.
	 */
	private static final class SlowAddress {

		private static final String HEAD = "POST /api/webhooks/twilio HTTP/1.1\r\nHost: localhost\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\nMessageSid=SM";

		private final int port;

		private final AtomicBoolean running = new AtomicBoolean(true);

		final AtomicInteger opened = new AtomicInteger();

		final ConcurrentHashMap<Integer, Integer> answers = new ConcurrentHashMap<>();

		private final List<SocketChannel> sockets = new ArrayList<>();

		SlowAddress(int port) {
			this.port = port;
		}

		void run() {
			try {
				while (this.running.get()) {
					while (this.sockets.size() < SLOW_SOCKETS && this.running.get()) {
						this.sockets.add(open());
					}
					for (SocketChannel socket : new ArrayList<>(this.sockets)) {
						if (!trickle(socket)) {
							this.sockets.remove(socket);
							socket.close();
						}
					}
					Thread.sleep(1000);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				for (SocketChannel socket : this.sockets) {
					try {
						socket.close();
					}
					catch (IOException ex) {
						// Closing at the end of the test.
					}
				}
			}
		}

		private SocketChannel open() throws IOException {
			SocketChannel socket = SocketChannel.open();
			socket.bind(new InetSocketAddress("127.0.0.2", 0));
			socket.setOption(StandardSocketOptions.SO_LINGER, 0);
			socket.connect(new InetSocketAddress("127.0.0.1", this.port));
			socket.configureBlocking(false);
			socket.write(ByteBuffer.wrap(HEAD.getBytes(StandardCharsets.US_ASCII)));
			this.opened.incrementAndGet();
			return socket;
		}

		/** One more byte of body; false once the service answered or closed. */
		private boolean trickle(SocketChannel socket) {
			try {
				ByteBuffer answer = ByteBuffer.allocate(512);
				int read = socket.read(answer);
				if (read > 0) {
					String status = new String(answer.array(), 0, read, StandardCharsets.US_ASCII);
					if (status.startsWith("HTTP/1.1 ")) {
						this.answers.merge(Integer.parseInt(status.substring(9, 12)), 1, Integer::sum);
					}
					return false;
				}
				if (read < 0) {
					return false;
				}
				socket.write(ByteBuffer.wrap(new byte[] { 'a' }));
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

		void awaitOpen(int count, Duration within) throws InterruptedException {
			long end = System.nanoTime() + within.toNanos();
			while (this.opened.get() < count && System.nanoTime() < end) {
				Thread.sleep(50);
			}
		}

		void stop() {
			this.running.set(false);
		}

	}

}
