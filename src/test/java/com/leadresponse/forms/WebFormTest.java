package com.leadresponse.forms;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hosted web form (SPEC 9): a person's post becomes a lead with the form's name as
 * its source and is texted only with consent; a post that skips the form (no or a forged
 * token, the honeypot filled, sent too fast, from a site not allowed, too many from one
 * address) is refused and stores nothing; a mistake shows the form again with the input.
 */
class WebFormTest extends IntegrationTest {

	private static final Pattern TOKEN = Pattern.compile("name=\"_ts\" value=\"([^\"]+)\"");

	private static final String PHONE = "+15125550134";

	@Test
	void formShowsAnUncheckedConsentBoxNamingTheBusinessAndSetsNoCookie() {
		Http.Answer page = this.http.get("/forms/quote");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Request a quote")
			.contains("I agree to receive text messages from Our team")
			.contains("Msg &amp; data rates may apply")
			.containsPattern("<input type=\"checkbox\" id=\"smsConsent\" name=\"smsConsent\" value=\"yes\">");
		assertThat(page.raw().headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void onlyThisServiceAndTheAllowedSitesMayFrameTheForm() {
		this.jdbc.sql("UPDATE settings SET form_allowed_origins = 'https://www.contractor.example'").update();

		Http.Answer page = this.http.get("/forms/quote");

		assertThat(page.header("Content-Security-Policy"))
			.contains("frame-ancestors 'self' https://www.contractor.example;");
		assertThat(page.header("X-Frame-Options")).isNull();
	}

	@Test
	void postWithConsentCreatesTheLeadWithTheFormAsSourceAndTextsItOnce() {
		String token = token("quote");
		this.clock.advance(Duration.ofSeconds(20));

		Http.Answer answer = post("quote", fields(token, PHONE, true));

		assertThat(answer.status()).isEqualTo(302);
		assertThat(answer.header("Location")).endsWith("/forms/quote/thanks");
		Map<String, Object> lead = this.jdbc.sql("SELECT name, source, email, message FROM leads WHERE phone = :p")
			.param("p", PHONE)
			.query()
			.singleRow();
		assertThat(lead).containsEntry("name", "Maria Lopez")
			.containsEntry("source", "web form")
			.containsEntry("email", "maria@example.com");
		assertThat((String) lead.get("message")).isEqualTo("Bore under the driveway\nAddress or ZIP: 78701");
		awaitAcceptedTo(PHONE, 1);
		assertThat(this.http.get("/forms/quote/thanks").body()).contains("Thank you! We have your request");
	}

	@Test
	void postWithoutConsentCreatesTheLeadButTextsNobody() {
		String token = token("quote");
		this.clock.advance(Duration.ofSeconds(20));

		assertThat(post("quote", fields(token, PHONE, false)).status()).isEqualTo(302);

		assertThat(count("SELECT count(*) FROM leads WHERE phone = '" + PHONE + "' AND next_followup_at IS NULL"))
			.isEqualTo(1);
		assertThat(count("SELECT count(*) FROM messages")).isZero();
		assertThat(this.jdbc.sql("SELECT message FROM leads").query(String.class).single())
			.contains("No SMS consent: not texted");
	}

	@Test
	void postWithoutTheFormsTokenIsRefusedAndStoresNothing() {
		Map<String, String> fields = fields("", PHONE, true);
		fields.remove("_ts");

		Http.Answer answer = post("quote", fields);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("did not come from our form");
		assertNothingStored();
	}

	@Test
	void postWithAForgedTokenIsRefusedAndStoresNothing() {
		String token = token("quote");
		String earlier = (Long.parseLong(token.substring(0, token.indexOf('.'))) - 60_000)
				+ token.substring(token.indexOf('.'));

		Http.Answer answer = post("quote", fields(earlier, PHONE, true));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("did not come from our form");
		assertNothingStored();
	}

	@Test
	void tokenOfAnotherFormIsRefused() {
		this.jdbc
			.sql("""
					INSERT INTO web_forms (id, slug, name, title, email_field, address_field, job_field, job_label,
					                       thank_you, created_at, updated_at)
					VALUES (gen_random_uuid(), 'repair', 'repair form', 'Repairs', 'hidden', 'hidden', 'optional', 'What broke?',
					        'Thanks', now(), now())
					""")
			.update();
		String token = token("repair");
		this.clock.advance(Duration.ofSeconds(20));

		assertThat(post("quote", fields(token, PHONE, true)).status()).isEqualTo(400);
		assertNothingStored();
	}

	@Test
	void filledHoneypotIsRefusedAndStoresNothing() {
		String token = token("quote");
		this.clock.advance(Duration.ofSeconds(20));
		Map<String, String> fields = fields(token, PHONE, true);
		fields.put("website", "https://cheap-pills.example");

		Http.Answer answer = post("quote", fields);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("looked automated and was not sent");
		assertNothingStored();
	}

	@Test
	void postSoonerThanThePersonCouldFillTheFormIsRefusedAndStoresNothing() {
		String token = token("quote");
		this.clock.advance(Duration.ofSeconds(1));

		Http.Answer answer = post("quote", fields(token, PHONE, true));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("faster than a person can fill in the form");
		assertNothingStored();
	}

	@Test
	void formOpenedMoreThanADayAgoIsRefused() {
		String token = token("quote");
		this.clock.advance(Duration.ofHours(25));

		Http.Answer answer = post("quote", fields(token, PHONE, true));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("opened too long ago");
		assertNothingStored();
	}

	@Test
	void postFromASiteThatMayNotEmbedTheFormIsRefused() {
		this.jdbc.sql("UPDATE settings SET form_allowed_origins = 'https://www.contractor.example'").update();
		String token = token("quote");
		this.clock.advance(Duration.ofSeconds(20));

		Http.Answer refused = post("quote", fields(token, PHONE, true), "Origin", "https://spam.example");
		Http.Answer allowed = post("quote", fields(token, "+15125550135", true), "Origin",
				"https://www.contractor.example");
		Http.Answer ownPage = post("quote", fields(token, "+15125550136", true), "Origin", PUBLIC_URL);

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.body()).contains("cannot be sent from this website");
		assertThat(allowed.status()).isEqualTo(302);
		assertThat(ownPage.status()).isEqualTo(302);
		assertThat(count("SELECT count(*) FROM leads WHERE phone = '" + PHONE + "'")).isZero();
	}

	@Test
	void postsFromOneAddressBeyondTheHoursAllowanceAreRefusedUntilTheNextHour() {
		this.jdbc.sql("UPDATE settings SET form_posts_per_hour = 2").update();
		String token = token("quote");
		this.clock.advance(Duration.ofSeconds(20));

		assertThat(post("quote", fields(token, "+15125550101", true)).status()).isEqualTo(302);
		assertThat(post("quote", fields(token, "+15125550102", true)).status()).isEqualTo(302);
		Http.Answer third = post("quote", fields(token, "+15125550103", true));

		assertThat(third.status()).isEqualTo(429);
		assertThat(third.header("Retry-After")).isNotNull();
		assertThat(third.body()).contains("Too many requests were sent from your network");
		assertThat(count("SELECT count(*) FROM leads WHERE phone = '+15125550103'")).isZero();
		this.clock.set(Instant.parse("2026-03-03T22:00:00Z"));
		assertThat(post("quote", fields(token, "+15125550103", true)).status()).isEqualTo(302);
	}

	@Test
	void concurrentPostsFromOneAddressOnTwoInstancesNeverExceedTheAllowance() {
		this.jdbc.sql("UPDATE settings SET form_posts_per_hour = 3").update();
		String token = token("quote");
		this.clock.advance(Duration.ofSeconds(20));
		Http second = new Http(secondInstance().port());

		List<Integer> statuses = Concurrently.run(10,
				(i) -> ((i % 2 == 0) ? this.http : second)
					.postForm("/forms/quote", fields(token, "+1512555020" + i, false))
					.status());

		assertThat(statuses.stream().filter((s) -> s == 302).count()).isEqualTo(3);
		assertThat(statuses.stream().filter((s) -> s == 429).count()).isEqualTo(7);
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(3);
	}

	@Test
	void postForAPhoneWithAnOpenLeadIsThatLeadWithNoSecondText() {
		createLead("Maria Lopez", PHONE);
		awaitAcceptedTo(PHONE, 1);
		String token = token("quote");
		this.clock.advance(Duration.ofSeconds(20));

		assertThat(post("quote", fields(token, PHONE, true)).status()).isEqualTo(302);

		awaitPipelineIdle();
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(1);
		assertThat(twilio.accepted()).hasSize(1);
	}

	@Test
	void whatThePersonTypedIsShownAgainAsText() {
		String token = token("quote");
		this.clock.advance(Duration.ofSeconds(20));
		Map<String, String> fields = fields(token, "555-01", true);
		fields.put("name", "<script>alert(1)</script>");

		String page = post("quote", fields).body();

		assertThat(page).contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"").doesNotContain("<script>alert");
	}

	@Test
	void pastHoursOfThePerAddressCountAreForgottenByThePeriodicPass() {
		String token = token("quote");
		this.clock.advance(Duration.ofSeconds(20));
		post("quote", fields(token, PHONE, false));
		this.clock.advance(Duration.ofHours(1));

		this.periodicPass.runOnce();

		assertThat(count("SELECT count(*) FROM web_form_posts")).isZero();
	}

	@Test
	void invalidPhoneShowsTheFormAgainWithTheInputAndAMessageOnThePhone() {
		String token = token("quote");
		this.clock.advance(Duration.ofSeconds(20));

		Http.Answer answer = post("quote", fields(token, "555-01", true));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("value=\"Maria Lopez\"")
			.contains("Bore under the driveway")
			.contains("We can only text mobile numbers")
			.containsPattern("name=\"smsConsent\" value=\"yes\" checked");
		assertNothingStored();
	}

	@Test
	void missingNameAndBadEmailAreNamedFieldByField() {
		String token = token("quote");
		this.clock.advance(Duration.ofSeconds(20));
		Map<String, String> fields = fields(token, PHONE, true);
		fields.put("name", "");
		fields.put("email", "maria-at-example");

		Http.Answer answer = post("quote", fields);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("Tell us your name.").contains("This is not an e-mail address.");
		assertNothingStored();
	}

	@Test
	void unknownFormIsNotFound() {
		assertThat(this.http.get("/forms/nope").status()).isEqualTo(404);
	}

	@Test
	void adminMakesAFormWhoseLeadsHaveItsNameAsSourceAndSeesItsSnippet() {
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);
		Map<String, String> form = new LinkedHashMap<>();
		form.put("slug", "driveway-bore");
		form.put("name", "driveway page");
		form.put("title", "Bore under your driveway");
		form.put("intro", "");
		form.put("email", "hidden");
		form.put("address", "required");
		form.put("job", "optional");
		form.put("jobLabel", "How long is the driveway?");
		form.put("thankYou", "Thanks, talk soon.");

		assertThat(admin.post("/settings/forms", form).status()).isEqualTo(302);

		String page = this.http.get("/forms/driveway-bore").body();
		assertThat(page).contains("Bore under your driveway")
			.contains("How long is the driveway?")
			.doesNotContain("name=\"email\"");
		assertThat(admin.get("/settings/forms").body())
			.contains("&lt;iframe src=&quot;" + PUBLIC_URL + "/forms/driveway-bore&quot;")
			.contains("&lt;script src=&quot;" + PUBLIC_URL
					+ "/js/form-embed.js&quot; data-form=&quot;driveway-bore&quot;");
		String token = token("driveway-bore");
		this.clock.advance(Duration.ofSeconds(20));
		Map<String, String> post = fields(token, PHONE, true);
		post.put("address", "");
		assertThat(post("driveway-bore", post).body()).contains("Enter the job&#39;s address or ZIP code.");
		post.put("address", "78701");
		assertThat(post("driveway-bore", post).status()).isEqualTo(302);
		assertThat(this.jdbc.sql("SELECT source FROM leads").query(String.class).single()).isEqualTo("driveway page");
	}

	@Test
	void formSettingsAreValidatedByTheSettingsApi() {
		Http.Answer bad = this.http.patchJson("/api/settings",
				"{\"formAllowedOrigins\": [\"www.contractor.example/contact\"]}", "Authorization",
				Http.basic(ADMIN_EMAIL, ADMIN_PASSWORD));
		Http.Answer good = this.http.patchJson("/api/settings",
				"{\"formAllowedOrigins\": [\"https://WWW.Contractor.example/\"], \"formConsentText\": \"Texts from {businessName}. Msg & data rates may apply. Reply STOP to opt out.\"}",
				"Authorization", Http.basic(ADMIN_EMAIL, ADMIN_PASSWORD));

		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("formAllowedOrigins").contains("is not a web origin");
		assertThat(good.status()).isEqualTo(200);
		assertThat(this.http.get("/forms/quote").header("Content-Security-Policy"))
			.contains("frame-ancestors 'self' https://www.contractor.example;");
		assertThat(this.http.get("/forms/quote").body()).contains("Texts from Our team.");
	}

	private String token(String slug) {
		Matcher matcher = TOKEN.matcher(this.http.get("/forms/" + slug).body());
		assertThat(matcher.find()).as("the form's token").isTrue();
		return matcher.group(1);
	}

	private static Map<String, String> fields(String token, String phone, boolean consent) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("_ts", token);
		fields.put("name", "Maria Lopez");
		fields.put("phone", phone);
		fields.put("email", "maria@example.com");
		fields.put("address", "78701");
		fields.put("job", "Bore under the driveway");
		fields.put("website", "");
		if (consent) {
			fields.put("smsConsent", "yes");
		}
		return fields;
	}

	private Http.Answer post(String slug, Map<String, String> fields, String... headers) {
		return this.http.postForm("/forms/" + slug, fields, headers);
	}

	private void assertNothingStored() {
		assertThat(count("SELECT count(*) FROM leads")).isZero();
		assertThat(count("SELECT count(*) FROM messages")).isZero();
	}

}
