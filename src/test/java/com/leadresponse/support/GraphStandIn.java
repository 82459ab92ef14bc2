package com.leadresponse.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Meta's Graph API as the Lead Ads connector calls it: {@code GET
 * /{version}/{leadgen_id}} with the Page access token and its {@code appsecret_proof},
 * answered as Graph answers a lead ({@code id}, {@code created_time}, {@code field_data:
 * [{"name", "values"}]}), or with Graph's error shape ({@code {"error": {"message",
 * "type", "code", "fbtrace_id"}}}): 401 for a wrong token, 404 for an unknown lead. And a
 * form's leads, {@code GET /{version}/{form_id}/leads}, as Graph's bulk read answers
 * them: the requested {@code fields}, {@code filtering} on {@code time_created} with
 * {@code GREATER_THAN} (the shape of Meta's own SDK samples), newest first, in pages of
 * at most {@code limit} with cursor paging ({@code paging.cursors.after}, and
 * {@code next} on every page but the last). Tests can make it fail the next requests, set
 * a smaller page than asked, and point its {@code next} links elsewhere.
 */
public final class GraphStandIn implements AutoCloseable {

	public static final String APP_SECRET = "test-facebook-app-secret";

	public static final String PAGE_ACCESS_TOKEN = "EAAtestpageaccesstoken";

	public static final String VERIFY_TOKEN = "test-verify-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

	/** A lead Graph knows: its {@code field_data}. */
	public record GraphLead(String id, String createdTime, Map<String, List<String>> fieldData) {
	}

	private final HttpServer server;

	private final Map<String, String> leads = new ConcurrentHashMap<>();

	/** Each form's leads, as {@link #knows} stored them, in the order they were added. */
	private final Map<String, List<String>> forms = new ConcurrentHashMap<>();

	private volatile int maxPage = 100;

	private volatile String nextBase;

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
		this.forms.clear();
		this.maxPage = 100;
		this.nextBase = null;
		this.failuresLeft.set(0);
		this.requests.clear();
	}

	/** Graph will answer this lead, as its JSON. */
	public void knows(String leadgenId, String leadJson) {
		this.leads.put(leadgenId, leadJson);
	}

	/** Graph will answer this lead, and list it among its form's leads. */
	public void knows(String formId, String leadgenId, String leadJson) {
		knows(leadgenId, leadJson);
		this.forms.computeIfAbsent(formId, (id) -> new CopyOnWriteArrayList<>()).add(leadgenId);
	}

	/**
	 * Pages hold at most this many leads whatever the {@code limit} asked (Graph caps
	 * some edges' pages).
	 */
	public void maxPage(int leads) {
		this.maxPage = leads;
	}

	/**
	 * The {@code next} links of pages point at this base instead (a client that follows
	 * them instead of the cursor goes there).
	 */
	public void nextLinksTo(String base) {
		this.nextBase = base;
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
			if ("GET".equals(exchange.getRequestMethod()) && path.matches("/v\\d+\\.\\d+/[0-9]+/leads")) {
				formLeads(exchange, path.split("/")[2]);
				return;
			}
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

	/** The bulk read of a form's leads. */
	private void formLeads(HttpExchange exchange, String formId) throws IOException {
		Map<String, String> query = TwilioStandIn.parseQuery(exchange.getRequestURI().getRawQuery());
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (!("Bearer " + PAGE_ACCESS_TOKEN).equals(authorization) || !proof().equals(query.get("appsecret_proof"))) {
			error(exchange, 400, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190);
			return;
		}
		if (this.failuresLeft.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			error(exchange, 500, "An unexpected error has occurred. Please retry your request later.", "OAuthException",
					2);
			return;
		}
		long after;
		try {
			after = createdAfter(query.get("filtering"));
		}
		catch (RuntimeException ex) {
			error(exchange, 400, "(#100) Filtering field time_created with operation GREATER_THAN expected",
					"OAuthException", 100);
			return;
		}
		List<String> fields = List.of(query.getOrDefault("fields", "id,created_time").split(","));
		int limit = Math.min(Integer.parseInt(query.getOrDefault("limit", "25")), this.maxPage);
		List<ObjectNode> matching = new ArrayList<>();
		List<String> ids = new ArrayList<>(this.forms.getOrDefault(formId, List.of()));
		java.util.Collections.reverse(ids);
		for (String id : ids) {
			ObjectNode lead = (ObjectNode) JSON.readTree(this.leads.get(id));
			if (OffsetDateTime.parse(lead.get("created_time").asString(), GRAPH_TIME).toEpochSecond() > after) {
				lead.retain(fields);
				matching.add(lead);
			}
		}
		int from = (query.get("after") != null)
				? Integer.parseInt(new String(Base64.getDecoder().decode(query.get("after")), StandardCharsets.UTF_8))
				: 0;
		int to = Math.min(matching.size(), from + limit);
		ObjectNode page = JSON.createObjectNode();
		page.putArray("data").addAll(matching.subList(Math.min(from, to), to));
		ObjectNode paging = page.putObject("paging");
		paging.putObject("cursors")
			.put("before", Base64.getEncoder().encodeToString(String.valueOf(from).getBytes(StandardCharsets.UTF_8)))
			.put("after", Base64.getEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
		if (to < matching.size()) {
			String base = (this.nextBase != null) ? this.nextBase : baseUrl().toString();
			paging.put("next", base + exchange.getRequestURI().getPath() + "?limit=" + limit + "&after="
					+ Base64.getEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
		}
		send(exchange, 200, page.toString());
	}

	/**
	 * The epoch second of {@code [{"field": "time_created", "operator": "GREATER_THAN",
	 * ...}]}.
	 */
	private static long createdAfter(String filtering) {
		if (filtering == null) {
			return Long.MIN_VALUE;
		}
		long after = Long.MIN_VALUE;
		for (var filter : JSON.readTree(filtering)) {
			if (!"time_created".equals(filter.get("field").asString())
					|| !"GREATER_THAN".equals(filter.get("operator").asString())) {
				throw new IllegalArgumentException("unsupported filter");
			}
			after = Math.max(after, filter.get("value").asLong());
		}
		return after;
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
