package com.leadresponse.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Meta's Graph API as the Lead Ads connector calls it: {@code GET
 * /{version}/{leadgen_id}} with the Page access token and its {@code appsecret_proof},
 * answered as Graph answers a lead ({@code id}, {@code created_time}, {@code field_data:
 * [{"name", "values"}]}), or with Graph's error shape ({@code {"error": {"message",
 * "type", "code", "fbtrace_id"}}}): 401 for a wrong token, 404 for an unknown lead. Tests
 * can make it fail the next requests.
 */
public final class GraphStandIn implements AutoCloseable {

	public static final String APP_SECRET = "test-facebook-app-secret";

	public static final String PAGE_ACCESS_TOKEN = "EAAtestpageaccesstoken";

	public static final String VERIFY_TOKEN = "test-verify-token";

	/** A lead Graph knows: its {@code field_data}. */
	public record GraphLead(String id, String createdTime, Map<String, List<String>> fieldData) {
	}

	private final HttpServer server;

	private final Map<String, String> leads = new ConcurrentHashMap<>();

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private GraphStandIn(HttpServer server) {
		this.server = server;
	}

	public static GraphStandIn start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			GraphStandIn graph = new GraphStandIn(server);
			server.createContext("/", graph::handle);
			server.setExecutor(Executors.newFixedThreadPool(4));
			server.start();
			return graph;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public void reset() {
		this.leads.clear();
		this.failuresLeft.set(0);
		this.requests.clear();
	}

	/** Graph will answer this lead, as its JSON. */
	public void knows(String leadgenId, String leadJson) {
		this.leads.put(leadgenId, leadJson);
	}

	/**
	 * The next {@code count} reads answer 500, as Graph does when it is having trouble.
	 */
	public void failNext(int count) {
		this.failuresLeft.set(count);
	}

	/** The paths of the reads received, oldest first. */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			this.requests.add(path);
			if (!"GET".equals(exchange.getRequestMethod()) || !path.matches("/v\\d+\\.\\d+/[0-9A-Za-z_]+")) {
				error(exchange, 400, "Unsupported get request.", "GraphMethodException", 100);
				return;
			}
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			String query = exchange.getRequestURI().getRawQuery();
			if (!("Bearer " + PAGE_ACCESS_TOKEN).equals(authorization) || query == null
					|| !query.equals("appsecret_proof=" + proof())) {
				error(exchange, 400, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);
				return;
			}
			if (this.failuresLeft.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				error(exchange, 500, "An unexpected error has occurred. Please retry your request later.",
						"OAuthException", 2);
				return;
			}
			String lead = this.leads.get(path.substring(path.lastIndexOf('/') + 1));
			if (lead == null) {
				error(exchange, 404, "Unsupported get request. Object does not exist", "GraphMethodException", 100);
				return;
			}
			send(exchange, 200, lead);
		}
	}

	private static void error(HttpExchange exchange, int status, String message, String type, int code)
			throws IOException {
		send(exchange, status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":" + code
				+ ",\"fbtrace_id\":\"AbCdEfGhIjK\"}}");
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/** HMAC-SHA256 of the token keyed by the app secret, hex: Graph's appsecret_proof. */
	private static String proof() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(PAGE_ACCESS_TOKEN.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
