package com.leadresponse.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local receiver of outbound webhooks (SPEC 11), as a business's job-management tool
 * runs one: it records each POST with its headers and raw body and answers with the next
 * status it was told to (200 once they are used up). It can be made to hang, holding
 * every request unanswered until released, like a receiver that accepts connections and
 * never answers.
 */
public final class WebhookReceiverStandIn implements AutoCloseable {

	/** One request as the receiver got it. */
	public record Received(String path, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

	}

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Deque<Integer> answers = new ArrayDeque<>();

	private volatile CountDownLatch hang;

	private WebhookReceiverStandIn(HttpServer server) {
		this.server = server;
	}

	public static WebhookReceiverStandIn start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			WebhookReceiverStandIn standIn = new WebhookReceiverStandIn(server);
			server.createContext("/", standIn::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return standIn;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/** The statuses of the next answers, in order; 200 after them. */
	public synchronized void answer(Integer... statuses) {
		this.answers.addAll(List.of(statuses));
	}

	/** From now on every request waits unanswered until {@link #release()}. */
	public void hang() {
		this.hang = new CountDownLatch(1);
	}

	public void release() {
		CountDownLatch latch = this.hang;
		this.hang = null;
		if (latch != null) {
			latch.countDown();
		}
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	public synchronized void reset() {
		release();
		this.received.clear();
		this.answers.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Map<String, List<String>> headers = new TreeMap<>();
		exchange.getRequestHeaders()
			.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
		this.received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
		CountDownLatch latch = this.hang;
		if (latch != null) {
			try {
				latch.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		int status;
		synchronized (this) {
			status = this.answers.isEmpty() ? 200 : this.answers.poll();
		}
		byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, answer.length);
		exchange.getResponseBody().write(answer);
		exchange.close();
	}

	@Override
	public void close() {
		release();
		this.server.stop(0);
	}

}
