package com.leadresponse.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small, fast local Twilio for the benchmark: answers {@code POST
 * /2010-04-01/Accounts/{sid}/Messages.json} with 201 and a Twilio-shaped message, and
 * records when each request arrived (on the harness's {@code nanoTime} clock, the same
 * one the load generator uses). It serves the media of inbound MMS as Twilio does:
 * {@code GET .../Messages/{MM}/Media/{ME}} answers a redirect to storage on another host
 * ({@code localhost} instead of {@code 127.0.0.1}), which answers the photo. It checks
 * nothing: the product's own tests check requests against Twilio's API description.
 */
final class ProviderStandIn implements AutoCloseable {

	static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";

	static final String AUTH_TOKEN = "bench-auth-token-0123456789abcdef";

	static final String FROM = "+15125550000";

	private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");

	private static final Pattern MEDIA = Pattern.compile("/2010-04-01/Accounts/[^/]+/Messages/[^/]+/Media/(ME\\w+)");

	/** Meta's Graph API: a lead read by its {@code leadgen_id} (SPEC 9). */
	private static final Pattern GRAPH_LEAD = Pattern.compile("/v\\d+\\.\\d+/(\\d+)");

	private static final Pattern STORAGE = Pattern.compile("/storage/(ME\\w+)");

	private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, Long> firstArrivalByTo = new ConcurrentHashMap<>();

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong lastArrival = new AtomicLong();

	private final AtomicLong sids = new AtomicLong();

	private final AtomicLong mediaServed = new AtomicLong();

	private volatile byte[] photo = new byte[0];

	private ProviderStandIn(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	static ProviderStandIn start() throws IOException {
		// The JDK's server writes headers and body separately; with Nagle's algorithm on,
		// the body waits for the client's delayed ACK (40 ms) and every provider call
		// took
		// 40 ms here, which is the stand-in's latency, not Twilio's nor the product's.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
		ExecutorService executor = Executors.newFixedThreadPool(32);
		ProviderStandIn standIn = new ProviderStandIn(server, executor);
		server.createContext("/", standIn::handle);
		server.setExecutor(executor);
		server.start();
		return standIn;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * The address of an inbound MMS's n-th medium, as Twilio puts it in
	 * {@code MediaUrlN}: on the API host, answered with the photo given to
	 * {@link #servePhoto}.
	 */
	String mediaUrl(String messageSid, int n) {
		return baseUrl() + "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + messageSid + "/Media/ME"
				+ messageSid.substring(2, 32) + n;
	}

	/** The JPEG every medium is answered with. */
	void servePhoto(byte[] jpeg) {
		this.photo = jpeg;
	}

	long mediaServed() {
		return this.mediaServed.get();
	}

	long accepted() {
		return this.accepted.get();
	}

	/**
	 * When the first message to this number arrived ({@code System.nanoTime}), or null.
	 */
	Long firstArrivalTo(String phone) {
		return this.firstArrivalByTo.get(phone);
	}

	long lastArrivalNanos() {
		return this.lastArrival.get();
	}

	void reset() {
		this.firstArrivalByTo.clear();
		this.accepted.set(0);
		this.lastArrival.set(0);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		long arrived = System.nanoTime();
		try (exchange) {
			byte[] request = exchange.getRequestBody().readAllBytes();
			Matcher media = MEDIA.matcher(exchange.getRequestURI().getPath());
			if (media.matches()) {
				// Twilio: the media URL redirects to its storage, a host of its own.
				exchange.getResponseHeaders()
					.set("Location",
							"http://localhost:" + this.server.getAddress().getPort() + "/storage/" + media.group(1));
				exchange.sendResponseHeaders(307, -1);
				return;
			}
			Matcher graph = GRAPH_LEAD.matcher(exchange.getRequestURI().getPath());
			if (graph.matches()) {
				answer(exchange, 200, SourcePosts.graphLead(graph.group(1)));
				return;
			}
			Matcher stored = STORAGE.matcher(exchange.getRequestURI().getPath());
			if (stored.matches()) {
				byte[] jpeg = this.photo;
				exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
				exchange.sendResponseHeaders(200, jpeg.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(jpeg);
				}
				this.mediaServed.incrementAndGet();
				return;
			}
			Matcher path = MESSAGES.matcher(exchange.getRequestURI().getPath());
			if (!path.matches()) {
				answer(exchange, 404, "{\"code\":20404,\"message\":\"Not found\",\"status\":404}");
				return;
			}
			if ("GET".equals(exchange.getRequestMethod())) {
				// Reconciliation of a message left 'sending' asks for the list: nothing
				// is known.
				answer(exchange, 200, "{\"messages\":[],\"end\":0,\"first_page_uri\":null,\"next_page_uri\":null,"
						+ "\"page\":0,\"page_size\":50,\"previous_page_uri\":null,\"start\":0,\"uri\":\"/\"}");
				return;
			}
			Map<String, String> params = form(new String(request, StandardCharsets.UTF_8));
			String to = params.getOrDefault("To", "");
			this.firstArrivalByTo.putIfAbsent(to, arrived);
			this.accepted.incrementAndGet();
			this.lastArrival.accumulateAndGet(arrived, Math::max);
			answer(exchange, 201, message(path.group(1), to, params));
		}
	}

	private String message(String account, String to, Map<String, String> params) {
		String sid = "SM%032x".formatted(this.sids.incrementAndGet());
		String now = RFC_2822.format(ZonedDateTime.now(ZoneOffset.UTC));
		return """
				{"account_sid":"%s","api_version":"2010-04-01","body":%s,"date_created":"%s","date_sent":null,\
				"date_updated":"%s","direction":"outbound-api","error_code":null,"error_message":null,"from":"%s",\
				"messaging_service_sid":null,"num_media":"0","num_segments":"1","price":null,"price_unit":"USD",\
				"sid":"%s","status":"queued","subresource_uris":{"media":"/2010-04-01/Accounts/%s/Messages/%s/Media.json"},\
				"to":"%s","uri":"/2010-04-01/Accounts/%s/Messages/%s.json"}"""
			.formatted(account, quote(params.getOrDefault("Body", "")), now, now, params.getOrDefault("From", FROM),
					sid, account, sid, to, account, sid);
	}

	private static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				default -> {
					if (c < 0x20) {
						out.append("\\u%04x".formatted((int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

	private static Map<String, String> form(String body) {
		Map<String, String> params = new java.util.HashMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return params;
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
