package com.leadresponse.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Leads as each source delivers them (SPEC 9; the product's tests hold each source's
 * documented sample): Angi's JSON with {@code x-api-key}, a Google Ads lead form's
 * webhook with its {@code google_key}, the hosted web form's post with the fill-time
 * token of its page, and Meta's {@code leadgen} webhook signed with
 * {@code X-Hub-Signature-256}, whose lead the product then reads from the stand-in's
 * Graph API. The n-th post of each kind comes from its own phone number, so each is a new
 * lead with an instant response.
 */
final class SourcePosts {

	static final String ANGI_KEY = "bench-angi-key-0123456789";

	static final String GOOGLE_KEY = "bench-google-key-0123456789";

	static final String FACEBOOK_APP_SECRET = "bench-facebook-app-secret";

	/**
	 * Settings that turn the connectors on and let the form take the load of one address.
	 */
	static final String SETTINGS = "{\"angiApiKey\": \"" + ANGI_KEY + "\", \"googleAdsKey\": \"" + GOOGLE_KEY
			+ "\", \"formMinFillSeconds\": 0, \"formPostsPerHour\": 10000}";

	private static final Pattern TOKEN = Pattern.compile("name=\"_ts\" value=\"([^\"]+)\"");

	private final ProductProcess product;

	private final String formToken;

	SourcePosts(ProductProcess product) throws Exception {
		this.product = product;
		Matcher token = TOKEN.matcher(product.get("/forms/quote"));
		if (!token.find()) {
			throw new IllegalStateException("The form /forms/quote has no fill-time token");
		}
		this.formToken = token.group(1);
	}

	/**
	 * The phone of the n-th lead of a source: area code 512, a three-digit exchange of
	 * the source's own (610 to 640: no other phase uses them).
	 */
	static String phone(int exchange, int n) {
		return "+1512" + exchange + "%04d".formatted(n % 10_000);
	}

	HttpRequest angi(int n, String phone) {
		String body = """
				{"leadOid": %d, "srOid": 1, "name": "Bench Angi %d", "firstName": "Bench", "lastName": "Angi",
				"address": "1200 Barton Springs Rd", "city": "Austin", "stateProvince": "TX", "postalCode": "78704",
				"primaryPhone": "%s", "email": "angi%d@example.com", "taskName": "Install a Water Line",
				"comments": "Need a bore under my driveway, about 40 feet.", "leadSource": "HomeAdvisor",
				"interview": [{"question": "When do you need this done?", "answer": "Within 1 week"}]}"""
			.formatted(900_000_000L + n, n, phone, n);
		return json("/api/sources/angi", body).header("x-api-key", ANGI_KEY).build();
	}

	HttpRequest google(int n, String phone) {
		String body = """
				{"lead_id": "bench-lead-%d", "api_version": "1.0", "form_id": 1, "campaign_id": 1,
				"google_key": "%s", "is_test": false, "user_column_data": [
				{"column_name": "Full Name", "string_value": "Bench Google %d", "column_id": "FULL_NAME"},
				{"column_name": "User Phone", "string_value": "%s", "column_id": "PHONE_NUMBER"},
				{"column_name": "What is the job?", "string_value": "Bore for a conduit", "column_id": "job"}]}"""
			.formatted(n, GOOGLE_KEY, n, phone);
		return json("/api/sources/google-ads", body).build();
	}

	HttpRequest form(int n, String phone) {
		String body = "_ts=" + encode(this.formToken) + "&name=" + encode("Bench Form " + n) + "&phone=" + encode(phone)
				+ "&email=&address=78704&job=" + encode("Bore under the driveway") + "&website=&smsConsent=yes";
		return HttpRequest.newBuilder(this.product.uri("/forms/quote"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	/** Meta's webhook for the n-th lead: only its IDs (the Graph API has the rest). */
	HttpRequest facebook(long leadgenId) {
		String body = """
				{"object": "page", "entry": [{"id": "153125381133", "time": 1438292065, "changes": [{"field": "leadgen",
				"value": {"leadgen_id": "%d", "page_id": "153125381133", "form_id": "12341234", "created_time": 1440120384}}]}]}"""
			.formatted(leadgenId);
		return json("/api/sources/facebook", body).header("X-Hub-Signature-256", "sha256=" + hmac(body)).build();
	}

	/** The phone the stand-in's Graph API gives the lead with this {@code leadgen_id}. */
	static String facebookPhone(long leadgenId) {
		return phone(640, (int) (leadgenId % 10_000));
	}

	/** The Graph API's answer for a lead, as Meta documents it. */
	static String graphLead(String leadgenId) {
		return """
				{"created_time": "2026-12-01T08:49:14+0000", "id": "%s", "ad_id": "12341234", "form_id": "12341234",
				"field_data": [{"name": "full_name", "values": ["Bench Meta %s"]},
				{"name": "phone_number", "values": ["%s"]},
				{"name": "what_do_you_need_drilled?", "values": ["A conduit under the road"]}]}""".formatted(leadgenId,
				leadgenId, facebookPhone(Long.parseLong(leadgenId)));
	}

	private HttpRequest.Builder json(String path, String body) {
		URI uri = this.product.uri(path);
		return HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String hmac(String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(FACEBOOK_APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
