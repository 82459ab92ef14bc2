package com.leadresponse.settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's settings pages: validated settings that apply at once, API keys shown once
 * and revocable, and staff accounts.
 */
class SettingsPagesTest extends IntegrationTest {

	@Test
	void unknownTimeZoneIsNamedNextToItsFieldAndNothingIsSaved() {
		Map<String, String> form = validSettings();
		form.put("businessTimezone", "Mars/Olympus_Mons");
		form.put("quietHoursStart", "25:99");

		Http.Answer answer = admin().post("/settings", form);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("Unknown time zone. Use a name such as America/Chicago")
			.contains("Enter a time as HH:MM, such as 21:00.")
			.contains("Nothing was saved");
		assertThat(setting("business_timezone")).isNull();
	}

	@Test
	void savedSettingsApplyAtOnceWithAlertPhonesInE164() {
		Map<String, String> form = validSettings();
		form.put("businessName", "Lone Star Boring");
		form.put("businessTimezone", "America/Denver");
		form.put("dailySmsLimit", "3");
		form.put("alertPhones", "(512) 555-0100, +1 512 555 0101");
		form.put("alertEmails", "office@example.com;owner@example.com");

		Http.Answer answer = admin().post("/settings", form);

		assertThat(answer.status()).isEqualTo(302);
		Map<String, Object> row = this.jdbc.sql("SELECT * FROM settings").query().singleRow();
		assertThat(row).containsEntry("business_name", "Lone Star Boring")
			.containsEntry("business_timezone", "America/Denver")
			.containsEntry("daily_sms_limit", 3)
			.containsEntry("alert_phones", "+15125550100,+15125550101")
			.containsEntry("alert_emails", "office@example.com,owner@example.com");
		createLead("Maria Lopez", "+15125550134");
		awaitAcceptedTo("+15125550134", 1);
		assertThat(twilio.receivedFor("+15125550134").get(0).body()).contains("Lone Star Boring");
	}

	@Test
	void alertPhoneThatIsNotANumberIsNamed() {
		Map<String, String> form = validSettings();
		form.put("alertPhones", "+15125550100, call Bob");

		Http.Answer answer = admin().post("/settings", form);

		assertThat(answer.body()).contains("“call Bob” is not a phone number");
		assertThat(setting("alert_phones")).isNull();
	}

	@Test
	void newApiKeyIsShownOnceAndAcceptedUntilRevoked() {
		StaffSession admin = admin();

		Http.Answer created = admin.post("/settings/api-keys", Map.of("name", "Website form"));

		Matcher secret = Pattern.compile("value=\"(lr_[0-9a-f]{40})\"").matcher(created.body());
		assertThat(secret.find()).isTrue();
		String key = secret.group(1);
		assertThat(admin.get("/settings/api-keys").body()).contains("Website form")
			.contains(key.substring(0, 9))
			.doesNotContain(key);
		assertThat(postLeadWithKey(key).status()).isEqualTo(201);
		String id = this.jdbc.sql("SELECT id::text FROM api_keys").query(String.class).single();

		admin.post("/settings/api-keys/" + id + "/revoke", Map.of());

		assertThat(postLeadWithKey(key).status()).isEqualTo(401);
	}

	@Test
	void addedStaffMemberSignsInWithTheirRole() {
		admin().post("/settings/users", Map.of("name", "Dana Field", "email", "dana.field@example.com", "role", "agent",
				"password", "dana-password-1"));

		StaffSession dana = StaffSession.signIn(this.port, "dana.field@example.com", "dana-password-1");

		assertThat(dana.get("/").status()).isEqualTo(200);
		assertThat(dana.get("/settings").status()).isEqualTo(403);
	}

	@Test
	void shortPasswordIsRefused() {
		Http.Answer answer = admin().post("/settings/users",
				Map.of("name", "Short Pw", "email", "short.pw@example.com", "role", "agent", "password", "short"));

		assertThat(answer.status()).isEqualTo(302);
		assertThat(StaffSession.anonymous(this.port).tryLogin("short.pw@example.com", "short").header("Location"))
			.endsWith("/login?error");
	}

	@Test
	void resetPasswordReplacesTheOldOne() {
		StaffSession admin = admin();
		admin.post("/settings/users", Map.of("name", "Reset Me", "email", "reset.me@example.com", "role", "agent",
				"password", "first-password-1"));
		String id = this.jdbc.sql("SELECT id::text FROM users WHERE email = 'reset.me@example.com'")
			.query(String.class)
			.single();

		admin.post("/settings/users/" + id + "/password", Map.of("password", "second-password-2"));

		assertThat(StaffSession.anonymous(this.port)
			.tryLogin("reset.me@example.com", "first-password-1")
			.header("Location")).endsWith("/login?error");
		assertThat(StaffSession.signIn(this.port, "reset.me@example.com", "second-password-2").get("/").status())
			.isEqualTo(200);
	}

	@Test
	void adminCannotDisableTheirOwnAccount() {
		StaffSession admin = admin();
		String id = this.jdbc.sql("SELECT id::text FROM users WHERE email = :email")
			.param("email", ADMIN_EMAIL)
			.query(String.class)
			.single();

		Http.Answer answer = admin.post("/settings/users/" + id + "/enabled", Map.of("enabled", "false"));

		assertThat(answer.status()).isEqualTo(302);
		assertThat(this.jdbc.sql("SELECT enabled FROM users WHERE id = :id::uuid")
			.param("id", id)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(admin.get("/settings/users").body()).contains("You cannot disable your own account.");
	}

	private Object setting(String column) {
		return this.jdbc.sql("SELECT * FROM settings").query().singleRow().get(column);
	}

	private Http.Answer postLeadWithKey(String key) {
		return this.http.postJson("/api/leads", "{\"name\":\"Key Test\",\"phone\":\"+15125550166\"}", "X-Api-Key", key);
	}

	private StaffSession admin() {
		return StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);
	}

	private static Map<String, String> validSettings() {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("businessName", "Our team");
		form.put("businessTimezone", "America/Chicago");
		form.put("businessCountry", "US");
		form.put("minSmsIntervalSeconds", "60");
		form.put("dailySmsLimit", "5");
		form.put("sequenceExpiryDays", "30");
		form.put("expiryBatchSize", "50");
		form.put("webhookRetentionHours", "24");
		form.put("quietHoursStart", "21:00");
		form.put("quietHoursEnd", "08:00");
		form.put("alertPhones", "");
		form.put("alertEmails", "");
		return form;
	}

}
