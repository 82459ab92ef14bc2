package com.leadresponse.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a browser and a scraper can get from outside: the session cookie is {@code Secure}
 * under an https {@code APP_PUBLIC_URL}, redirects go to {@code APP_PUBLIC_URL} whatever
 * {@code Host} a request names, and the Prometheus metrics need their bearer token.
 */
class WebHardeningTest extends IntegrationTest {

	@Test
	void sessionCookieIsSecureWhenThePublicUrlIsHttps() {
		Http.Answer login = this.http.get("/login");

		assertThat(login.raw().headers().allValues("Set-Cookie")).filteredOn((c) -> c.startsWith("JSESSIONID="))
			.singleElement()
			.satisfies((cookie) -> assertThat(cookie).contains("; Secure").contains("; HttpOnly"));
	}

	@Test
	void redirectsAreBuiltFromThePublicUrlNotFromTheHostHeader() throws IOException {
		String toLogin = rawRequest(
				"GET / HTTP/1.1\r\nHost: evil.example\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
		String loginPage = rawRequest(
				"GET /login HTTP/1.1\r\nHost: evil.example\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
		Matcher session = Pattern.compile("Set-Cookie: (JSESSIONID=[^;]+)").matcher(loginPage);
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
		assertThat(session.find() && csrf.find()).isTrue();
		String form = "username=" + URLEncoder.encode(ADMIN_EMAIL, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		String signedIn = rawRequest("POST /login HTTP/1.1\r\nHost: evil.example:8443\r\nCookie: " + session.group(1)
				+ "\r\nAccept: text/html\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
				+ form.length() + "\r\nConnection: close\r\n\r\n" + form);

		assertThat(toLogin).startsWith("HTTP/1.1 302").contains("\r\nLocation: " + PUBLIC_URL + "/login\r\n");
		assertThat(signedIn).startsWith("HTTP/1.1 302").contains("\r\nLocation: " + PUBLIC_URL + "/\r\n");
		assertThat(toLogin + signedIn).doesNotContain("evil.example");
	}

	@Test
	void prometheusNeedsTheMetricsToken() {
		Http.Answer anonymous = this.http.get("/actuator/prometheus");
		Http.Answer staff = this.http.get("/actuator/prometheus", "Authorization", staffAuth());
		Http.Answer wrongToken = this.http.get("/actuator/prometheus", "Authorization", "Bearer not-the-token");
		Http.Answer scraper = this.http.get("/actuator/prometheus", "Authorization", "Bearer " + METRICS_TOKEN);

		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(anonymous.body()).doesNotContain("jvm_memory");
		assertThat(staff.status()).isEqualTo(401);
		assertThat(wrongToken.status()).isEqualTo(401);
		assertThat(scraper.status()).isEqualTo(200);
		assertThat(scraper.body()).contains("jvm_memory_used_bytes");
		assertThat(this.http.get("/actuator/health").status()).as("health stays open").isEqualTo(200);
	}

	/** One request over a plain socket, so that it may name any Host. */
	private String rawRequest(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
