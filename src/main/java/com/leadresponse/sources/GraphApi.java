package com.leadresponse.sources;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads Meta's Graph API: one lead, {@code GET {base}/{version}/{leadgen_id}}, and a
 * form's leads created since a time, {@code GET {base}/{version}/{form_id}/leads}, a page
 * at a time. The Page access token goes in the {@code Authorization} header (never in the
 * URL, which proxies log) with {@code appsecret_proof}, the HMAC-SHA256 of the token
 * keyed by the app secret, as Meta advises for calls from a server. Never inside a
 * transaction.
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

		/**
		 * One page of a form's leads, each as Graph answered it; {@code after}, the
		 * cursor of the next page, null on the last.
		 */
		record Page(List<Lead> leads, String after) implements Answer {
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
		if (leadgenId == null || !leadgenId.matches("[0-9A-Za-z_]{1,100}")) {
			return new Answer.Failed("The webhook's leadgen_id is not a Graph ID");
		}
		return get(leadgenId, "", (body) -> {
			JsonNode lead = this.json.readTree(body);
			if (lead == null || !lead.isObject() || !lead.path("field_data").isArray()) {
				return new Answer.Failed("The Graph API answered a lead without field_data");
			}
			return new Answer.Lead(body, lead);
		});
	}

	/**
	 * One page of the form's leads created after {@code since} (Graph's {@code filtering}
	 * on {@code time_created}), from the cursor {@code after} (null for the first page).
	 * The next page is asked for with its cursor, never by the {@code next} URL of the
	 * answer: the token goes to the configured Graph API only.
	 */
	Answer formLeads(String formId, Instant since, String after) {
		if (formId == null || !formId.matches("[0-9]{1,40}")) {
			return new Answer.Failed("The form ID is not a Graph ID");
		}
		String filtering = "[{\"field\":\"time_created\",\"operator\":\"GREATER_THAN\",\"value\":"
				+ since.getEpochSecond() + "}]";
		String query = "fields=id,created_time,field_data&limit=" + PAGE_SIZE + "&filtering=" + encode(filtering)
				+ ((after != null) ? "&after=" + encode(after) : "");
		return get(formId + "/leads", query, (body) -> {
			JsonNode page = this.json.readTree(body);
			if (page == null || !page.path("data").isArray()) {
				return new Answer.Failed("The Graph API answered a page of leads without data");
			}
			List<Answer.Lead> leads = new ArrayList<>();
			for (JsonNode lead : page.path("data")) {
				if (!lead.path("field_data").isArray() || Payloads.text(lead, "id") == null) {
					return new Answer.Failed("The Graph API answered a lead without id or field_data");
				}
				leads.add(new Answer.Lead(lead.toString(), lead));
			}
			// Graph: the last page is the one without "next" (a page may hold fewer leads
			// than the limit, or none, and still not be the last).
			if (page.path("paging").path("next").isMissingNode() || page.path("paging").path("next").isNull()) {
				return new Answer.Page(leads, null);
			}
			String cursor = Payloads.text(page.path("paging").path("cursors"), "after");
			if (cursor == null || cursor.isBlank()) {
				return new Answer.Failed("The Graph API answered a next page without its cursor");
			}
			return new Answer.Page(leads, cursor);
		});
	}

	/** How many leads a page asks for. */
	static final int PAGE_SIZE = 100;

	/** A GET of the Graph API, its 200 answer read by {@code reading}. */
	private Answer get(String path, String query, Function<String, Answer> reading) {
		if (!this.properties.canRead()) {
			return new Answer.Failed("FACEBOOK_PAGE_ACCESS_TOKEN is not set");
		}
		String base = this.properties.graphBaseUrl().toString().replaceAll("/+$", "");
		String proof = this.properties.signed() ? "appsecret_proof=" + encode(proof()) : "";
		String all = query.isEmpty() ? proof : (proof.isEmpty() ? query : query + "&" + proof);
		HttpRequest request = HttpRequest
			.newBuilder(URI
				.create(base + "/" + this.properties.graphVersion() + "/" + path + (all.isEmpty() ? "" : "?" + all)))
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
			return reading.apply(answer.body());
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

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
