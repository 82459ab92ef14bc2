package com.leadresponse.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Media of inbound MMS as Twilio serves them (docs/twilio.md): a media URL on Twilio's
 * API host,
 * {@code /2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{MediaSid}},
 * answers only the account's HTTP Basic credentials, with a redirect to the file in
 * Twilio's storage, a host of its own that needs no credentials (and must never get
 * them). Scripted failures and every request are recorded for the tests.
 */
public final class TwilioMediaFiles {

	static final Pattern MEDIA_PATH = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)/Media/([^/.]+)");

	/** One request for a medium: where, and whether it carried credentials. */
	public record Fetch(String path, boolean credentials) {
	}

	private record File(String contentType, byte[] content) {
	}

	private final URI apiBase;

	private final HttpServer storage;

	private final Map<String, File> files = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<Integer> failures = new ConcurrentLinkedQueue<>();

	private final List<Fetch> apiFetches = new CopyOnWriteArrayList<>();

	private final List<Fetch> storageFetches = new CopyOnWriteArrayList<>();

	TwilioMediaFiles(URI apiBase) {
		this.apiBase = apiBase;
		try {
			this.storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.storage.createContext("/", this::serveStored);
		this.storage.setExecutor(Executors.newFixedThreadPool(4));
		this.storage.start();
	}

	/** Publishes a medium of a message and answers its Twilio media URL. */
	public String add(String messageSid, String mediaSid, String contentType, byte[] content) {
		this.files.put(mediaSid, new File(contentType, content));
		return this.apiBase + "/2010-04-01/Accounts/" + TwilioStandIn.ACCOUNT_SID + "/Messages/" + messageSid
				+ "/Media/" + mediaSid;
	}

	/**
	 * An address of Twilio's storage host itself, as a media URL that is not Twilio's
	 * API.
	 */
	public String storageUrl(String mediaSid, String contentType, byte[] content) {
		this.files.put(mediaSid, new File(contentType, content));
		return "http://127.0.0.1:" + this.storage.getAddress().getPort() + "/files/" + mediaSid;
	}

	/** The next requests on the API host answer these statuses, in order. */
	public void failNext(Integer... statuses) {
		this.failures.addAll(List.of(statuses));
	}

	public List<Fetch> apiFetches() {
		return List.copyOf(this.apiFetches);
	}

	public List<Fetch> storageFetches() {
		return List.copyOf(this.storageFetches);
	}

	void reset() {
		this.files.clear();
		this.failures.clear();
		this.apiFetches.clear();
		this.storageFetches.clear();
	}

	void close() {
		this.storage.stop(0);
	}

	/** A request on the API host for a media URL; false when it is not one. */
	boolean handle(HttpExchange exchange, boolean authorised) throws IOException {
		Matcher path = MEDIA_PATH.matcher(exchange.getRequestURI().getPath());
		if (!path.matches() || !"GET".equals(exchange.getRequestMethod())) {
			return false;
		}
		this.apiFetches.add(new Fetch(exchange.getRequestURI().getPath(),
				exchange.getRequestHeaders().containsKey("Authorization")));
		if (!authorised) {
			send(exchange, 401, "application/json", "{\"code\":20003,\"message\":\"Authenticate\"}".getBytes());
			return true;
		}
		Integer failure = this.failures.poll();
		if (failure != null) {
			send(exchange, failure, "application/json", ("{\"status\":" + failure + "}").getBytes());
			return true;
		}
		if (!this.files.containsKey(path.group(3))) {
			send(exchange, 404, "application/json", "{\"code\":20404}".getBytes());
			return true;
		}
		exchange.getResponseHeaders()
			.set("Location", "http://127.0.0.1:" + this.storage.getAddress().getPort() + "/files/" + path.group(3));
		exchange.sendResponseHeaders(307, -1);
		return true;
	}

	private void serveStored(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.storageFetches.add(new Fetch(exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().containsKey("Authorization")));
			String sid = exchange.getRequestURI().getPath().replaceFirst("^/files/", "");
			File file = this.files.get(sid);
			if (file == null) {
				send(exchange, 404, "text/plain", "not found".getBytes());
				return;
			}
			send(exchange, 200, file.contentType(), file.content());
		}
	}

	private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.getResponseHeaders().set("Connection", "close");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

}
