package com.leadresponse.sources;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.leadresponse.support.Http;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings page "Lead sources" and what staff see of submissions (SPEC 9): URLs to
 * paste, secrets made here and shown once, counts, last refusals; secrets never read
 * back; the lead page's submissions; the submissions that reached no lead.
 */
class LeadSourcesPageTest extends SourceTest {

	private static final Pattern NEW_SECRET = Pattern.compile("id=\"new-secret-0\"[^>]*value=\"(lrs_[0-9a-f]{40})\"");

	private StaffSession admin() {
		return StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);
	}

	@Test
	void thePageGivesEachConnectorsUrlToPaste() {
		Http.Answer page = admin().get("/settings/sources");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains(PUBLIC_URL + "/api/sources/angi")
			.contains(PUBLIC_URL + "/api/sources/thumbtack")
			.contains(PUBLIC_URL + "/api/sources/facebook")
			.contains(PUBLIC_URL + "/api/sources/google-ads")
			.contains("Not set: every post is refused");
	}

	@Test
	void aSecretMadeOnThePageIsShownOnceAndWorks() {
		StaffSession admin = admin();
		Http.Answer made = admin.post("/settings/sources/angi/rotate", Map.of());
		Matcher secret = NEW_SECRET.matcher(made.body());
		assertThat(secret.find()).as("the new key is on the page").isTrue();

		assertThat(this.http.postJson("/api/sources/angi", sample("angi-lead.json"), "x-api-key", secret.group(1))
			.status()).isEqualTo(200);
		Http.Answer later = admin.get("/settings/sources");
		assertThat(later.body()).doesNotContain(secret.group(1)).contains("1 lead received");
		assertThat(this.jdbc.sql("SELECT angi_api_key_hash FROM settings").query(String.class).single())
			.isNotEqualTo(secret.group(1))
			.hasSize(64);
	}

	@Test
	void makingANewSecretRetiresTheOldOne() {
		StaffSession admin = admin();
		Matcher first = NEW_SECRET.matcher(admin.post("/settings/sources/google-ads/rotate", Map.of()).body());
		assertThat(first.find()).isTrue();
		Matcher second = NEW_SECRET.matcher(admin.post("/settings/sources/google-ads/rotate", Map.of()).body());
		assertThat(second.find()).isTrue();

		String withFirst = sample("google-ads-lead.json", (lead) -> lead.put("google_key", first.group(1)));
		String withSecond = sample("google-ads-lead.json", (lead) -> lead.put("google_key", second.group(1)));
		assertThat(this.http.postJson("/api/sources/google-ads", withFirst).status()).isEqualTo(401);
		assertThat(this.http.postJson("/api/sources/google-ads", withSecond).status()).isEqualTo(200);
	}

	@Test
	void theLastRefusedRequestIsShownWithItsReason() {
		setSecrets("{\"angiApiKey\": \"" + ANGI_KEY + "\"}");
		this.http.postJson("/api/sources/angi", sample("angi-lead.json"), "x-api-key", "wrong-key-from-a-stranger");

		Http.Answer page = admin().get("/settings/sources");

		assertThat(page.body()).contains("The x-api-key header is not the Angi API key set here")
			.contains("(1 refused in all)")
			.doesNotContain("wrong-key-from-a-stranger");
	}

	@Test
	void connectorSecretsAreNeverReadBack() {
		setSecrets("{\"angiApiKey\": \"" + ANGI_KEY + "\", \"googleAdsKey\": \"" + GOOGLE_KEY + "\"}");

		Http.Answer settings = this.http.get("/api/settings", "Authorization", staffAuth());

		assertThat(settings.json().get("angiApiKey").asString()).isEqualTo("set");
		assertThat(settings.json().get("googleAdsKey").asString()).isEqualTo("set");
		assertThat(settings.json().get("thumbtackPassword").isNull()).isTrue();
		assertThat(settings.body()).doesNotContain(ANGI_KEY).doesNotContain(GOOGLE_KEY);
		assertThat(admin().get("/settings").body()).doesNotContain("angiApiKey");
	}

	@Test
	void theSettingsAnswerSentBackKeepsTheSecrets() {
		setSecrets("{\"angiApiKey\": \"" + ANGI_KEY + "\"}");
		String all = this.http.get("/api/settings", "Authorization", staffAuth()).body();

		setSecrets(all);

		assertThat(this.http.postJson("/api/sources/angi", sample("angi-lead.json"), "x-api-key", ANGI_KEY).status())
			.isEqualTo(200);
	}

	@Test
	void aShortSecretIsRefusedNamingTheFieldAndNothingChanges() {
		Http.Answer answer = this.http.patchJson("/api/settings", "{\"angiApiKey\": \"short\"}", "Authorization",
				staffAuth());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("angiApiKey");
		assertThat(this.jdbc.sql("SELECT angi_api_key_hash FROM settings").query(String.class).optional().orElse(null))
			.isNull();
	}

	@Test
	void agentsCannotOpenTheSourcesPage() {
		admin().post("/settings/users", Map.of("name", "Dana Field", "email", "dana.field@example.com", "role", "agent",
				"password", "dana-password-1"));

		assertThat(StaffSession.signIn(this.port, "dana.field@example.com", "dana-password-1")
			.get("/settings/sources")
			.status()).isEqualTo(403);
	}

	@Test
	void theLeadPageShowsEachSubmissionWithItsQuestionsAndAnswersEscaped() {
		setSecrets("{\"angiApiKey\": \"" + ANGI_KEY + "\"}");
		this.http.postJson("/api/sources/angi",
				sample("angi-lead.json",
						(lead) -> lead.putArray("interview")
							.addObject()
							.put("question", "Gate code?")
							.put("answer", "<script>alert(1)</script>")),
				"x-api-key", ANGI_KEY);
		String leadId = this.jdbc.sql("SELECT id::text FROM leads").query(String.class).single();

		Http.Answer page = admin().get("/leads/" + leadId);

		assertThat(page.body()).contains("How they reached us")
			.contains("Need a bore under my driveway for a new water line, about 40 feet.")
			.contains("Install a Water Line")
			.contains("Gate code?")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)</script>");
	}

	@Test
	void aSubmissionWithoutAUsablePhoneIsShownToStaff() {
		setSecrets("{\"angiApiKey\": \"" + ANGI_KEY + "\"}");
		assertThat(this.http
			.postJson("/api/sources/angi", sample("angi-lead.json", (lead) -> lead.put("primaryPhone", "n/a")),
					"x-api-key", ANGI_KEY)
			.status()).isEqualTo(200);
		assertThat(count("SELECT count(*) FROM lead_submissions WHERE lead_id IS NULL")).isEqualTo(1);
		StaffSession admin = admin();

		assertThat(admin.get("/").body()).contains("1 submission without a lead");
		assertThat(admin.get("/leads/without-lead").body()).contains("Maria Lopez")
			.contains("via angi")
			.contains("No phone number that can receive texts")
			.contains("maria.lopez@example.com");
	}

}
