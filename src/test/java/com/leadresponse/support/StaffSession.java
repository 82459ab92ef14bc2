package com.leadresponse.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A staff member's browser session over plain HTTP: signs in through the login form,
 * keeps the session cookie, and sends the page's CSRF token with each form, as a browser
 * does. For page rules that need no JavaScript (cheaper than the browser tests).
 */
public final class StaffSession {

	private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern META_CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

	private final String base;

	private final HttpClient client;

	private String csrf;

	private StaffSession(int port) {
		this.base = "http://localhost:" + port;
		this.client = HttpClient.newBuilder()
			.cookieHandler(asBrowsersDoForLocalhost(new CookieManager()))
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Browsers treat {@code http://localhost} as a secure context and send it cookies
	 * marked {@code Secure} (the product marks its session cookie so when
	 * {@code APP_PUBLIC_URL} is https, as in the tests); {@link CookieManager} sends them
	 * only over https, so it is told the address is https.
	 */
	private static CookieHandler asBrowsersDoForLocalhost(CookieManager cookies) {
		return new CookieHandler() {
			@Override
			public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
				return cookies.get(https(uri), headers);
			}

			@Override
			public void put(URI uri, Map<String, List<String>> headers) throws IOException {
				cookies.put(https(uri), headers);
			}
		};
	}

	private static URI https(URI uri) {
		try {
			return new URI("https", uri.getUserInfo(), uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
					uri.getFragment());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/** A session with no one signed in. */
	public static StaffSession anonymous(int port) {
		return new StaffSession(port);
	}

	/** Signs in through the login form; fails the test when the login is refused. */
	public static StaffSession signIn(int port, String email, String password) {
		StaffSession session = new StaffSession(port);
		Http.Answer login = session.tryLogin(email, password);
		String location = login.header("Location");
		if (login.status() != 302 || location == null || location.contains("error")) {
			throw new IllegalStateException("Sign-in of " + email + " refused: " + login.status() + " " + location);
		}
		return session;
	}

	/** Posts the login form and answers the raw result (302 to / or to /login?error). */
	public Http.Answer tryLogin(String email, String password) {
		Http.Answer page = get("/login");
		Matcher token = HIDDEN_CSRF.matcher(page.body());
		if (!token.find()) {
			throw new IllegalStateException("The login page has no CSRF field");
		}
		Map<String, String> form = new LinkedHashMap<>();
		form.put("username", email);
		form.put("password", password);
		form.put("_csrf", token.group(1));
		this.csrf = null;
		return send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(Http.form(form))));
	}

	public Http.Answer get(String path, String... headers) {
		HttpRequest.Builder request = request(path).GET();
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	/** Reads an answer as bytes (a photo, a download) with this session. */
	public Http.Download download(String path) {
		try {
			HttpResponse<byte[]> response = this.client.send(request(path).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
			return new Http.Download(response.statusCode(), response.body(), response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Posts a form with this session's CSRF token, as the page's own form would. */
	public Http.Answer post(String path, Map<String, String> form) {
		Map<String, String> withToken = new LinkedHashMap<>(form);
		withToken.put("_csrf", csrfToken());
		return postWithoutCsrf(path, withToken);
	}

	/**
	 * Posts a multipart form (a file upload) with this session's CSRF token as one of its
	 * fields, as the page's own form would.
	 */
	public Http.Answer postMultipart(String path, Map<String, String> fields, List<Http.FilePart> files) {
		String boundary = "----lead-response-test-" + System.nanoTime();
		java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		withToken.put("_csrf", csrfToken());
		withToken.forEach((name, value) -> body.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
					.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		for (Http.FilePart file : files) {
			body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.name()
					+ "\"; filename=\"" + file.filename() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n")
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			body.writeBytes(file.content());
			body.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
		body.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/**
	 * Posts a form with the CSRF token of the form on {@code page}, as that page's form
	 * would: for pages a sign-in reaches before the inbox (the second step of signing
	 * in).
	 */
	public Http.Answer postFrom(String page, String path, Map<String, String> form) {
		Http.Answer shown = get(page);
		Matcher token = HIDDEN_CSRF.matcher(shown.body());
		if (shown.status() != 200 || !token.find()) {
			throw new IllegalStateException(page + " has no form with a CSRF field (" + shown.status() + ")");
		}
		Map<String, String> withToken = new LinkedHashMap<>(form);
		withToken.put("_csrf", token.group(1));
		return postWithoutCsrf(path, withToken);
	}

	/** Posts a form without a CSRF token, as a forged cross-site request would. */
	public Http.Answer postWithoutCsrf(String path, Map<String, String> form) {
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(Http.form(form))));
	}

	/** The CSRF token the pages of this session carry (read from the inbox page). */
	public String csrfToken() {
		if (this.csrf == null) {
			Http.Answer page = get("/");
			Matcher meta = META_CSRF.matcher(page.body());
			if (page.status() != 200 || !meta.find()) {
				throw new IllegalStateException("No CSRF token on the inbox (" + page.status() + ")");
			}
			this.csrf = meta.group(1);
		}
		return this.csrf;
	}

	/** Asks for HTML as a browser does, so errors come as the error pages. */
	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
			.timeout(Duration.ofSeconds(30));
	}

	private Http.Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Http.Answer(response.statusCode(), response.body(), response);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
