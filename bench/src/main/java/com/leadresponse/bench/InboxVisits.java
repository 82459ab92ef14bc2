package com.leadresponse.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What staff look at, requested as staff do: the inbox pages (list, filters, searches by
 * name and by phone digits, the htmx list fragment) and a lead's page with a session
 * signed in through the login form, and the JSON list, search and lead detail with HTTP
 * Basic. The searches are the kinds SPEC 7 names: a name, phone digits, a status.
 */
final class InboxVisits {

	/**
	 * One request, the status it was answered with, and whether that was the expected
	 * one.
	 */
	record Visit(String request, int status, boolean ok) {
	}

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private InboxVisits() {
	}

	static List<Visit> run(ProductProcess product, String leadId) throws IOException, InterruptedException {
		List<Visit> visits = new ArrayList<>();
		HttpClient session = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		visits.add(signIn(session, product));
		for (String path : List.of("/", "/?status=replied", "/?q=" + encode("maria lop"), "/?q=30000042",
				"/?status=contacted&q=garcia", "/inbox/list?q=" + encode("james"), "/leads/" + leadId,
				"/leads/" + leadId + "/live")) {
			visits.add(get(session, product, path, null));
		}
		HttpClient basic = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String credentials = "Basic " + Base64.getEncoder()
			.encodeToString((ProductProcess.ADMIN_EMAIL + ":" + ProductProcess.ADMIN_PASSWORD)
				.getBytes(StandardCharsets.UTF_8));
		for (String path : List.of("/api/leads", "/api/leads?status=replied", "/api/leads?q=" + encode("maria lop"),
				"/api/leads?q=30000042", "/api/leads?status=contacted&q=garcia&page=1", "/api/leads/" + leadId)) {
			visits.add(get(basic, product, path, credentials));
		}
		return visits;
	}

	/**
	 * The login form as a browser fills it: its CSRF token from the page, then a redirect
	 * to the inbox (302; a failed sign-in redirects to {@code /login?error}).
	 */
	private static Visit signIn(HttpClient client, ProductProcess product) throws IOException, InterruptedException {
		HttpResponse<String> page = client.send(HttpRequest.newBuilder(product.uri("/login")).build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher token = CSRF.matcher(page.body());
		if (!token.find()) {
			return new Visit("GET /login (no CSRF token on the page)", page.statusCode(), false);
		}
		String form = "username=" + encode(ProductProcess.ADMIN_EMAIL) + "&password="
				+ encode(ProductProcess.ADMIN_PASSWORD) + "&_csrf=" + encode(token.group(1));
		HttpResponse<String> answer = client.send(HttpRequest.newBuilder(product.uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		String location = answer.headers().firstValue("Location").orElse("");
		return new Visit("POST /login", answer.statusCode(), answer.statusCode() == 302 && !location.contains("error"));
	}

	private static Visit get(HttpClient client, ProductProcess product, String path, String authorization)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(product.uri(path)).timeout(Duration.ofSeconds(30));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		HttpResponse<Void> answer = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
		return new Visit("GET " + path, answer.statusCode(), answer.statusCode() == 200);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
