package com.leadresponse.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Twilio for tests: it serves the Messages resource of the 2010-04-01 API and the
 * audio of Recordings, checks every request against Twilio's own OpenAPI description
 * (MIT, kept with its licence in {@code src/test/resources/twilio/}) and HTTP Basic
 * credentials, records what it accepted, and answers as Twilio does, or with a scripted
 * failure (5xx, 429, a Twilio error code).
 */
public final class TwilioStandIn implements AutoCloseable {

	public static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";

	public static final String AUTH_TOKEN = "stand-in-auth-token-0123456789ab";

	public static final String FROM = "+15125550000";

	private static final Pattern MESSAGES_PATH = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");

	/**
	 * A recording's audio: the Recording resource in its {@code .mp3} or {@code .wav}
	 * representation (docs/twilio.md), beside the {@code .json} the description lists.
	 */
	private static final Pattern RECORDING_MEDIA_PATH = Pattern
		.compile("/2010-04-01/Accounts/([^/]+)/Recordings/([^/]+)\\.(mp3|wav)");

	/** Where recordings are redirected to when {@link #redirectRecordingsToStorage()}. */
	private static final Pattern STORAGE_PATH = Pattern.compile("/storage/recordings/([^/]+)\\.(mp3|wav)");

	private static final Pattern BYTE_RANGE = Pattern.compile("bytes=([0-9]+)-([0-9]*)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DESCRIPTION = "/twilio/twilio_api_v2010.json";

	/** One POST the stand-in received, accepted or not. */
	public record Received(Map<String, String> params, List<String> mediaUrls, String sid, int answeredStatus,
			Instant at) {

		public String to() {
			return this.params.get("To");
		}

		public String from() {
			return this.params.get("From");
		}

		public String body() {
			return this.params.get("Body");
		}

		public String statusCallback() {
			return this.params.get("StatusCallback");
		}

	}

	/**
	 * One request for a recording's audio: at the Twilio host, or at the storage it
	 * redirected to; with the {@code Authorization} and {@code Range} it carried.
	 */
	public record RecordingRequest(String path, String host, String authorization, String range, int answeredStatus) {
	}

	/** A scripted answer for the next POST. */
	public record Answer(int status, Integer errorCode, String message) {

		public static Answer serverError() {
			return new Answer(500, null, "Internal Server Error");
		}

		public static Answer tooManyRequests() {
			return new Answer(429, 20429, "Too Many Requests");
		}

		public static Answer error(int code, String message) {
			return new Answer(400, code, message);
		}

	}

	private volatile HttpServer server;

	private final int port;

	private final Set<String> knownParameters;

	private final List<String> requiredParameters;

	private final ObjectNode exampleMessage;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();

	private volatile Runnable afterAccept = () -> {
	};

	private final Map<String, String> listedStatus = new java.util.concurrent.ConcurrentHashMap<>();

	private final TwilioMediaFiles media;

	/** The path parameters of a Recording and their patterns, from the description. */
	private final Map<String, Pattern> recordingPathPatterns = new LinkedHashMap<>();

	private final Set<String> recordingQueryParameters = new LinkedHashSet<>();

	private final Map<String, byte[]> recordings = new java.util.concurrent.ConcurrentHashMap<>();

	private final List<RecordingRequest> recordingRequests = new CopyOnWriteArrayList<>();

	private volatile boolean redirectRecordings;

	private TwilioStandIn(int port, JsonNode description) {
		this.port = port;
		this.media = new TwilioMediaFiles(URI.create("http://127.0.0.1:" + port));
		JsonNode post = description.path("paths").path("/2010-04-01/Accounts/{AccountSid}/Messages.json").path("post");
		JsonNode schema = post.path("requestBody")
			.path("content")
			.path("application/x-www-form-urlencoded")
			.path("schema");
		this.knownParameters = new LinkedHashSet<>(schema.path("properties").propertyNames());
		this.requiredParameters = new ArrayList<>();
		schema.path("required").forEach((name) -> this.requiredParameters.add(name.asString()));
		this.exampleMessage = (ObjectNode) post.path("responses")
			.path("201")
			.path("content")
			.path("application/json")
			.path("examples")
			.path("create")
			.path("value");
		if (this.knownParameters.isEmpty() || this.exampleMessage.isMissingNode()) {
			throw new IllegalStateException("Twilio's description has no Messages create operation");
		}
		description.path("paths")
			.path("/2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json")
			.path("get")
			.path("parameters")
			.forEach((parameter) -> {
				String name = parameter.path("name").asString();
				if ("path".equals(parameter.path("in").asString())) {
					this.recordingPathPatterns.put(name,
							Pattern.compile(parameter.path("schema").path("pattern").asString()));
				}
				else if ("query".equals(parameter.path("in").asString())) {
					this.recordingQueryParameters.add(name);
				}
			});
		if (!this.recordingPathPatterns.keySet().equals(Set.of("AccountSid", "Sid"))) {
			throw new IllegalStateException("Twilio's description has no Recording fetch operation");
		}
	}

	/** Starts a stand-in on a free loopback port. */
	public static TwilioStandIn start() {
		try {
			JsonNode description = readDescription();
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
			TwilioStandIn standIn = new TwilioStandIn(server.getAddress().getPort(), description);
			standIn.serve(server);
			return standIn;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void serve(HttpServer server) {
		server.createContext("/", this::handle);
		server.setExecutor(Executors.newFixedThreadPool(16));
		server.start();
		this.server = server;
	}

	/**
	 * Stops listening, so that clients get "connection refused" (Twilio unreachable)
	 * until {@link #acceptConnections()}.
	 */
	public synchronized void refuseConnections() {
		this.server.stop(0);
	}

	/** Listens again on the same port. */
	public synchronized void acceptConnections() {
		try {
			serve(HttpServer.create(new InetSocketAddress("127.0.0.1", this.port), 200));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Twilio's OpenAPI description of the 2010-04-01 API, from the test classpath. */
	static JsonNode readDescription() throws IOException {
		try (InputStream in = TwilioStandIn.class.getResourceAsStream(DESCRIPTION)) {
			if (in == null) {
				throw new IllegalStateException(
						"Twilio's API description is missing from the test classpath: " + DESCRIPTION);
			}
			return JSON.readTree(in);
		}
	}

	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	public List<Received> accepted() {
		return this.received.stream().filter((r) -> r.answeredStatus() == 201).toList();
	}

	public List<Received> receivedFor(String to) {
		return this.received.stream().filter((r) -> to.equals(r.to())).toList();
	}

	/**
	 * Requests that broke Twilio's description or credentials; a correct client leaves
	 * this empty.
	 */
	public List<String> violations() {
		return List.copyOf(this.violations);
	}

	/** The next POSTs are answered with these, in order; later ones are accepted. */
	public void answerNext(Answer... answers) {
		Collections.addAll(this.script, answers);
	}

	/**
	 * Runs after a message is accepted and before the answer is written (e.g. to kill the
	 * caller).
	 */
	public void afterAccept(Runnable action) {
		this.afterAccept = action;
	}

	/**
	 * The status the Messages list reports for an accepted message from now on (default
	 * {@code sent}), as if Twilio had delivered it meanwhile.
	 */
	public void listStatus(String sid, String status) {
		this.listedStatus.put(sid, status);
	}

	/** The media of inbound MMS, served as Twilio serves them. */
	public TwilioMediaFiles media() {
		return this.media;
	}

	/** Twilio has this recording, with this audio, from now on. */
	public void storeRecording(String recordingSid, byte[] audio) {
		this.recordings.put(recordingSid, audio.clone());
	}

	/**
	 * Recordings are answered with a redirect to storage on another host (as Twilio
	 * answers media), which serves them without credentials.
	 */
	public void redirectRecordingsToStorage() {
		this.redirectRecordings = true;
	}

	/** Every request for a recording's audio, at Twilio or at its storage. */
	public List<RecordingRequest> recordingRequests() {
		return List.copyOf(this.recordingRequests);
	}

	public void reset() {
		this.media.reset();
		this.recordings.clear();
		this.recordingRequests.clear();
		this.redirectRecordings = false;
		this.listedStatus.clear();
		this.received.clear();
		this.violations.clear();
		this.script.clear();
		this.afterAccept = () -> {
		};
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.media.close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Matcher media = TwilioMediaFiles.MEDIA_PATH.matcher(exchange.getRequestURI().getPath());
			if (media.matches() && this.media.handle(exchange, authorised(exchange, media.group(1)))) {
				return;
			}
			Matcher recording = RECORDING_MEDIA_PATH.matcher(exchange.getRequestURI().getPath());
			if (recording.matches()) {
				recording(exchange, recording.group(1), recording.group(2), recording.group(3));
				return;
			}
			Matcher stored = STORAGE_PATH.matcher(exchange.getRequestURI().getPath());
			if (stored.matches()) {
				serveAudio(exchange, stored.group(1));
				return;
			}
			Matcher path = MESSAGES_PATH.matcher(exchange.getRequestURI().getPath());
			if (!path.matches()) {
				answer(exchange, 404, error(20404, "The requested resource was not found", 404));
				return;
			}
			if (!authorised(exchange, path.group(1))) {
				answer(exchange, 401, error(20003, "Authenticate", 401));
				return;
			}
			if ("GET".equals(exchange.getRequestMethod())) {
				list(exchange, path.group(1));
			}
			else if ("POST".equals(exchange.getRequestMethod())) {
				create(exchange, path.group(1));
			}
			else {
				answer(exchange, 405, error(20004, "Method not allowed", 405));
			}
		}
	}

	/**
	 * {@code GET .../Recordings/{RecordingSid}.mp3}: checked against the Recording fetch
	 * of the description (path patterns, query parameters) and the account's HTTP Basic
	 * credentials.
	 */
	private void recording(HttpExchange exchange, String accountSid, String recordingSid, String format)
			throws IOException {
		List<String> problems = new ArrayList<>();
		if (!"GET".equals(exchange.getRequestMethod())) {
			problems.add("Recordings are fetched with GET, not " + exchange.getRequestMethod());
		}
		if (!this.recordingPathPatterns.get("AccountSid").matcher(accountSid).matches()) {
			problems.add("AccountSid " + accountSid + " does not match the description");
		}
		if (!this.recordingPathPatterns.get("Sid").matcher(recordingSid).matches()) {
			problems.add("Recording Sid " + recordingSid + " does not match the description");
		}
		parseQuery(exchange.getRequestURI().getRawQuery()).keySet()
			.stream()
			.filter((name) -> !this.recordingQueryParameters.contains(name))
			.forEach((name) -> problems.add("Unknown query parameter " + name));
		if (!problems.isEmpty()) {
			this.violations.addAll(problems);
			answerRecording(exchange, 400, error(20001, String.join("; ", problems), 400));
			return;
		}
		if (!authorised(exchange, accountSid)) {
			answerRecording(exchange, 401, error(20003, "Authenticate", 401));
			return;
		}
		if (!this.recordings.containsKey(recordingSid)) {
			answerRecording(exchange, 404, error(20404, "The requested resource was not found", 404));
			return;
		}
		if (this.redirectRecordings) {
			this.recordingRequests.add(requestOf(exchange, 302));
			exchange.getResponseHeaders()
				.set("Location",
						"http://localhost:" + this.port + "/storage/recordings/" + recordingSid + "." + format);
			exchange.getResponseHeaders().set("Connection", "close");
			exchange.sendResponseHeaders(302, -1);
			return;
		}
		serveAudio(exchange, recordingSid);
	}

	/**
	 * The audio, whole or the one byte range asked for, as Twilio's storage serves it.
	 */
	private void serveAudio(HttpExchange exchange, String recordingSid) throws IOException {
		byte[] audio = this.recordings.get(recordingSid);
		if (audio == null) {
			answerRecording(exchange, 404, error(20404, "The requested resource was not found", 404));
			return;
		}
		String range = exchange.getRequestHeaders().getFirst("Range");
		Matcher bytes = (range != null) ? BYTE_RANGE.matcher(range) : null;
		int start = 0;
		int end = audio.length - 1;
		int status = 200;
		if (bytes != null && bytes.matches()) {
			start = Integer.parseInt(bytes.group(1));
			end = bytes.group(2).isEmpty() ? end : Math.min(end, Integer.parseInt(bytes.group(2)));
			status = 206;
			exchange.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + end + "/" + audio.length);
		}
		this.recordingRequests.add(requestOf(exchange, status));
		exchange.getResponseHeaders().set("Content-Type", "audio/mpeg");
		exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
		exchange.getResponseHeaders().set("Connection", "close");
		exchange.sendResponseHeaders(status, end - start + 1);
		exchange.getResponseBody().write(audio, start, end - start + 1);
	}

	private void answerRecording(HttpExchange exchange, int status, JsonNode body) throws IOException {
		this.recordingRequests.add(requestOf(exchange, status));
		answer(exchange, status, body);
	}

	private static RecordingRequest requestOf(HttpExchange exchange, int status) {
		return new RecordingRequest(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Host"),
				exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Range"),
				status);
	}

	private boolean authorised(HttpExchange exchange, String accountSid) {
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
		boolean ok = ACCOUNT_SID.equals(accountSid)
				&& expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
		if (!ok) {
			this.violations.add("Wrong account or credentials for " + exchange.getRequestURI());
		}
		return ok;
	}

	private void create(HttpExchange exchange, String accountSid) throws IOException {
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Map<String, String> params = parseQuery(form);
		List<String> mediaUrls = values(form, "MediaUrl");
		List<String> problems = new ArrayList<>();
		if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
			problems.add("Content-Type must be application/x-www-form-urlencoded, was " + contentType);
		}
		for (String name : params.keySet()) {
			if (!this.knownParameters.contains(name)) {
				problems.add("Unknown parameter " + name);
			}
		}
		for (String name : this.requiredParameters) {
			if (!params.containsKey(name)) {
				problems.add("Missing required parameter " + name);
			}
		}
		if (!params.containsKey("From") && !params.containsKey("MessagingServiceSid")) {
			problems.add("Either From or MessagingServiceSid is required");
		}
		if (params.containsKey("Body") && params.get("Body").length() > 1600) {
			problems.add("Body is longer than 1600 characters");
		}
		if (!problems.isEmpty()) {
			this.violations.addAll(problems);
			this.received.add(new Received(params, mediaUrls, null, 400, Instant.now()));
			answer(exchange, 400, error(21602, String.join("; ", problems), 400));
			return;
		}
		Answer scripted = this.script.poll();
		if (scripted != null) {
			this.received.add(new Received(params, mediaUrls, null, scripted.status(), Instant.now()));
			answer(exchange, scripted.status(), error(scripted.errorCode(), scripted.message(), scripted.status()));
			return;
		}
		String sid = "SM" + HexFormat.of().formatHex(randomBytes());
		this.received.add(new Received(params, mediaUrls, sid, 201, Instant.now()));
		this.afterAccept.run();
		answer(exchange, 201, message(accountSid, sid, params, "queued"));
	}

	private void list(HttpExchange exchange, String accountSid) throws IOException {
		Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
		ObjectNode page = JSON.createObjectNode();
		var messages = page.putArray("messages");
		for (Received r : accepted()) {
			boolean matches = (!query.containsKey("To") || query.get("To").equals(r.to()))
					&& (!query.containsKey("From") || query.get("From").equals(r.from()));
			if (matches) {
				messages.add(message(accountSid, r.sid(), r.params(), this.listedStatus.getOrDefault(r.sid(), "sent")));
			}
		}
		page.put("end", messages.size());
		page.putNull("first_page_uri");
		page.putNull("next_page_uri");
		page.put("page", 0);
		page.put("page_size", 50);
		page.putNull("previous_page_uri");
		page.put("start", 0);
		page.put("uri", exchange.getRequestURI().toString());
		answer(exchange, 200, page);
	}

	private ObjectNode message(String accountSid, String sid, Map<String, String> params, String status) {
		ObjectNode message = this.exampleMessage.deepCopy();
		String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atZone(ZoneOffset.UTC));
		message.put("sid", sid);
		message.put("account_sid", accountSid);
		message.put("to", params.get("To"));
		message.put("from", params.getOrDefault("From", FROM));
		message.put("body", params.get("Body"));
		message.put("status", status);
		message.put("date_created", now);
		message.put("date_sent", now);
		message.put("date_updated", now);
		message.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json");
		if (params.containsKey("MessagingServiceSid")) {
			message.put("messaging_service_sid", params.get("MessagingServiceSid"));
		}
		else {
			message.putNull("messaging_service_sid");
		}
		return message;
	}

	private static ObjectNode error(Integer code, String message, int status) {
		ObjectNode error = JSON.createObjectNode();
		if (code != null) {
			error.put("code", code);
			error.put("more_info", "https://www.twilio.com/docs/errors/" + code);
		}
		else {
			error.putNull("code");
		}
		error.put("message", message);
		error.put("status", status);
		return error;
	}

	private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		// No keep-alive: a test that stops the stand-in never leaves a client holding a
		// pooled connection to it.
		exchange.getResponseHeaders().set("Connection", "close");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/**
	 * Every value of a repeated parameter (Twilio's MediaUrl may come up to ten times).
	 */
	private static List<String> values(String raw, String name) {
		List<String> values = new ArrayList<>();
		for (String pair : raw.split("&")) {
			String[] parts = pair.split("=", 2);
			if (parts.length == 2 && name.equals(URLDecoder.decode(parts[0], StandardCharsets.UTF_8))) {
				values.add(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	/**
	 * A query or form body's parameters, decoded (the Graph stand-in reads its queries
	 * with it too).
	 */
	static Map<String, String> parseQuery(String raw) {
		Map<String, String> params = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return params;
		}
		for (String pair : raw.split("&")) {
			String[] parts = pair.split("=", 2);
			params.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
					(parts.length > 1) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
		}
		return params;
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}
