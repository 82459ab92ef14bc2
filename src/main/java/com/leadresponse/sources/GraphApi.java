package com.leadresponse.sources;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads one lead from Meta's Graph API: {@code GET {base}/{version}/{leadgen_id}} with
 * the Page access token in the {@code Authorization} header (never in the URL, which
 * proxies log) and {@code appsecret_proof}, the HMAC-SHA256 of the token keyed by the app
 * secret, as Meta advises for calls from a server. Never inside a transaction.
 */
@Component
class GraphApi {

	/** What one read got. */
	sealed interface Answer {

		/**
		 * The lead as Graph answered it ({@code id}, {@code created_time},
		 * {@code field_data}).
		 */
		record Lead(String body, JsonNode json) implements Answer {
		}

		/** Not read this time; the reason is for staff and never holds the token. */
		record Failed(String reason) implements Answer {
		}

	}

	private final FacebookProperties properties;

	private final JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	GraphApi(FacebookProperties properties, JsonMapper json) {
		this.properties = properties;
		this.json = json;
	}

	Answer lead(String leadgenId) {
		if (!this.properties.canRead()) {
			return new Answer.Failed("FACEBOOK_PAGE_ACCESS_TOKEN is not set");
		}
		if (leadgenId == null || !leadgenId.matches("[0-9A-Za-z_]{1,100}")) {
			return new Answer.Failed("The webhook's leadgen_id is not a Graph ID");
		}
		String base = this.properties.graphBaseUrl().toString().replaceAll("/+$", "");
		String query = this.properties.signed()
				? "?appsecret_proof=" + URLEncoder.encode(proof(), StandardCharsets.UTF_8) : "";
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(base + "/" + this.properties.graphVersion() + "/" + leadgenId + query))
			.timeout(Duration.ofSeconds(this.properties.readTimeoutSeconds()))
			.header("Authorization", "Bearer " + this.properties.pageAccessToken())
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			HttpResponse<String> answer = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != 200) {
				return new Answer.Failed("The Graph API answered " + answer.statusCode() + error(answer.body()));
			}
			JsonNode lead = this.json.readTree(answer.body());
			if (lead == null || !lead.isObject() || !lead.path("field_data").isArray()) {
				return new Answer.Failed("The Graph API answered a lead without field_data");
			}
			return new Answer.Lead(answer.body(), lead);
		}
		catch (JacksonException ex) {
			return new Answer.Failed("The Graph API answered something other than JSON");
		}
		catch (IOException ex) {
			return new Answer.Failed("Could not reach the Graph API: " + ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer.Failed("Interrupted");
		}
	}

	/**
	 * Graph's error type and code, which tell an operator what to fix (never its token).
	 */
	private String error(String body) {
		try {
			JsonNode error = this.json.readTree(body).path("error");
			if (error.isObject()) {
				return " (" + error.path("type").asString("error") + ", code " + error.path("code").asString("?") + ")";
			}
		}
		catch (JacksonException ex) {
			// No Graph error body: the status says it.
		}
		return "";
	}

	private String proof() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.properties.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of()
				.formatHex(mac.doFinal(this.properties.pageAccessToken().getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
