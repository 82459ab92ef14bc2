package com.leadresponse.settings;

import java.util.Map;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.SecondInstance;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings API (SPEC 3): every setting by name for admins, changes validated as the
 * settings page validates them, nothing changed by a request with any mistake, and a
 * change in force on every instance without a restart.
 */
class SettingsApiTest extends IntegrationTest {

	@Test
	void adminReadsEverySettingBySpecName() {
		JsonNode settings = this.http.get("/api/settings", "Authorization", staffAuth()).json();

		assertThat(settings.propertyNames()).contains("businessName", "businessTimezone", "businessCountry",
				"minSmsIntervalSeconds", "dailySmsLimit", "sequenceExpiryDays", "expiryBatchSize", "quietHoursStart",
				"quietHoursEnd", "webhookRetentionHours", "alertPhones", "alertEmails");
		assertThat(settings.get("minSmsIntervalSeconds").asInt()).isEqualTo(60);
		assertThat(settings.get("dailySmsLimit").asInt()).isEqualTo(5);
		assertThat(settings.get("quietHoursStart").asString()).isEqualTo("21:00");
		assertThat(settings.get("businessTimezone").asString()).isEqualTo("America/Chicago");
		assertThat(settings.get("alertPhones").isArray()).isTrue();
	}

	@Test
	void agentsMayNotReadOrChangeSettings() {
		agent();
		String agent = Http.basic("dana.field@example.com", "dana-password-1");

		assertThat(this.http.get("/api/settings", "Authorization", agent).status()).isEqualTo(403);
		assertThat(this.http.patchJson("/api/settings", "{\"dailySmsLimit\": 3}", "Authorization", agent).status())
			.isEqualTo(403);
		assertThat(this.jdbc.sql("SELECT daily_sms_limit FROM settings").query(Integer.class).optional()).isEmpty();
	}

	@Test
	void patchChangesOnlyTheNamedFieldsAndAnswersEverySetting() {
		Http.Answer answer = this.http.patchJson("/api/settings",
				"{\"dailySmsLimit\": 3, \"alertPhones\": [\"(512) 555-0100\"], \"quietHoursEnd\": \"09:30\"}",
				"Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("dailySmsLimit").asInt()).isEqualTo(3);
		assertThat(answer.json().get("alertPhones").get(0).asString()).isEqualTo("+15125550100");
		Map<String, Object> row = this.jdbc.sql("SELECT * FROM settings").query().singleRow();
		assertThat(row).containsEntry("daily_sms_limit", 3)
			.containsEntry("alert_phones", "+15125550100")
			.containsEntry("business_name", null)
			.containsEntry("min_sms_interval_seconds", null);
		assertThat(row.get("quiet_hours_end").toString()).isEqualTo("09:30:00");
	}

	@Test
	void aBadValueIsA400NamingTheFieldAndChangesNothing() {
		Http.Answer answer = this.http.patchJson("/api/settings",
				"{\"dailySmsLimit\": 3, \"businessTimezone\": \"Mars/Olympus_Mons\", \"quietHoursStart\": \"25:99\"}",
				"Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().get("errors").findValuesAsString("field"))
			.containsExactlyInAnyOrder("businessTimezone", "quietHoursStart");
		assertThat(answer.body()).contains("Unknown time zone. Use a name such as America/Chicago")
			.contains("Enter a time as HH:MM, such as 21:00.");
		Map<String, Object> row = this.jdbc.sql("SELECT * FROM settings").query().singleRow();
		assertThat(row).containsEntry("daily_sms_limit", null).containsEntry("business_timezone", null);
	}

	@Test
	void valuesOfTheWrongTypeOrUnknownNamesAreRefused() {
		assertThat(
				field(this.http.patchJson("/api/settings", "{\"dailySmsLimit\": \"5\"}", "Authorization", staffAuth())))
			.isEqualTo("dailySmsLimit");
		assertThat(field(this.http.patchJson("/api/settings", "{\"dailySmsLimit\": 0}", "Authorization", staffAuth())))
			.isEqualTo("dailySmsLimit");
		assertThat(field(this.http.patchJson("/api/settings", "{\"alertPhones\": \"+15125550100\"}", "Authorization",
				staffAuth())))
			.isEqualTo("alertPhones");
		assertThat(field(this.http.patchJson("/api/settings", "{\"dailyLimit\": 3}", "Authorization", staffAuth())))
			.isEqualTo("dailyLimit");
		assertThat(field(this.http.patchJson("/api/settings", "{\"businessName\": \"A\\u0000B\"}", "Authorization",
				staffAuth())))
			.isEqualTo("businessName");
		assertThat(this.http.patchJson("/api/settings", "[1, 2]", "Authorization", staffAuth()).status())
			.isEqualTo(400);
		assertThat(this.jdbc.sql("SELECT * FROM settings").query().singleRow().get("updated_at")).isNull();
	}

	@Test
	void aChangeOnOneInstanceAppliesOnTheOtherWithoutARestart() {
		SecondInstance other = secondInstance();
		createLead("Maria Lopez", "+15125550134");
		awaitAcceptedTo("+15125550134", 1);

		assertThat(this.http
			.patchJson("/api/settings", "{\"businessName\": \"Lone Star Boring\"}", "Authorization", staffAuth())
			.status()).isEqualTo(200);

		assertThat(
				other.http().get("/api/settings", "Authorization", staffAuth()).json().get("businessName").asString())
			.isEqualTo("Lone Star Boring");
		other.http()
			.postJson("/api/leads", "{\"name\":\"James Smith\",\"phone\":\"+15125550177\"}", "X-Api-Key", API_KEY);
		awaitAcceptedTo("+15125550177", 1);
		assertThat(twilio.receivedFor("+15125550177").get(0).body()).contains("Lone Star Boring");
	}

	private static String field(Http.Answer answer) {
		assertThat(answer.status()).isEqualTo(400);
		return answer.json().get("errors").get(0).get("field").asString();
	}

	private void agent() {
		StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD)
			.post("/settings/users", Map.of("name", "Dana Field", "email", "dana.field@example.com", "role", "agent",
					"password", "dana-password-1"));
	}

}
