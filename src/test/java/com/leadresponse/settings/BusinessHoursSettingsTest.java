package com.leadresponse.settings;

import java.util.Map;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings {@code businessHours} and {@code afterHoursTemplate} (SPEC 3, 11) in the
 * settings API and on the settings page: the SPEC's shape, every bad value a 400 naming
 * the field with nothing changed, and an unknown merge field refused by name.
 */
class BusinessHoursSettingsTest extends IntegrationTest {

	private static final String WEEK = """
			{"mon": [{"open": "07:00", "close": "18:00"}], "tue": [{"open": "07:00", "close": "18:00"}],
			 "wed": [{"open": "07:00", "close": "18:00"}], "thu": [{"open": "07:00", "close": "18:00"}],
			 "fri": [{"open": "07:00", "close": "12:00"}, {"open": "13:00", "close": "18:00"}],
			 "sat": [{"open": "22:00", "close": "02:00"}], "sun": []}""";

	@Test
	void untilSetTheBusinessIsOpenEveryDayAroundTheClock() {
		JsonNode settings = this.http.get("/api/settings", "Authorization", staffAuth()).json();

		JsonNode hours = settings.get("businessHours");
		assertThat(hours.propertyNames()).containsExactly("mon", "tue", "wed", "thu", "fri", "sat", "sun");
		assertThat(hours.get("sun").get(0).get("open").asString()).isEqualTo("00:00");
		assertThat(hours.get("sun").get(0).get("close").asString()).isEqualTo("00:00");
		assertThat(settings.get("afterHoursTemplate").asString())
			.isEqualTo("Thanks {firstName}, we're closed now and will text you when we open at {opensAt}");
	}

	@Test
	void aWeeklyScheduleIsStoredAndAnsweredInTheSpecShape() {
		Http.Answer answer = this.http.patchJson("/api/settings", "{\"businessHours\": " + WEEK + "}", "Authorization",
				staffAuth());

		assertThat(answer.status()).isEqualTo(200);
		JsonNode hours = answer.json().get("businessHours");
		assertThat(hours.get("fri").size()).isEqualTo(2);
		assertThat(hours.get("fri").get(1).get("open").asString()).isEqualTo("13:00");
		assertThat(hours.get("sat").get(0).get("close").asString()).isEqualTo("02:00");
		assertThat(hours.get("sun").isEmpty()).isTrue();
		assertThat(this.http.get("/api/settings", "Authorization", staffAuth()).json().get("businessHours"))
			.isEqualTo(hours);
	}

	@Test
	void everyBadScheduleIsA400NamingTheFieldAndChangesNothing() {
		Map<String, String> bad = Map.of("\"07:00-18:00\"", "Send an object of the seven days",
				WEEK.replace("\"sun\": []", "\"holiday\": []"), "Unknown day “holiday”",
				WEEK.replace(", \"sun\": []", ""), "Send all seven days",
				WEEK.replace("\"18:00\"}], \"tue\"", "\"24:00\"}], \"tue\""), "“24:00” on mon is not a time",
				WEEK.replace("\"sun\": []", "\"sun\": [{\"open\": \"07:00\"}]"), "Send each range of sun as",
				WEEK.replace("\"sun\": []", "\"sun\": [{\"open\": 7, \"close\": 18}]"), "Send each range of sun as",
				WEEK.replace("\"sun\": []", "\"sun\": {\"open\": \"07:00\", \"close\": \"18:00\"}"),
				"Send sun as a list",
				"{\"mon\": [], \"tue\": [], \"wed\": [], \"thu\": [], \"fri\": [], \"sat\": [], \"sun\": []}",
				"Open at least one day",
				WEEK.replace("\"sun\": []", "\"sun\": [" + "{\"open\": \"07:00\", \"close\": \"08:00\"}, ".repeat(4)
						+ "{\"open\": \"09:00\", \"close\": \"10:00\"}]"),
				"Give sun at most 4 ranges");
		bad.forEach((value, problem) -> {
			Http.Answer answer = this.http.patchJson("/api/settings",
					"{\"dailySmsLimit\": 3, \"businessHours\": " + value + "}", "Authorization", staffAuth());

			assertThat(answer.status()).as(value).isEqualTo(400);
			assertThat(answer.json().get("errors").findValuesAsString("field")).as(value)
				.containsExactly("businessHours");
			assertThat(answer.body()).as(value).contains(problem);
		});
		Map<String, Object> row = this.jdbc.sql("SELECT * FROM settings").query().singleRow();
		assertThat(row).containsEntry("business_hours", null).containsEntry("daily_sms_limit", null);
	}

	@Test
	void anAfterHoursTemplateWithAnUnknownMergeFieldIsRefusedByName() {
		Http.Answer answer = this.http.patchJson("/api/settings",
				"{\"afterHoursTemplate\": \"Closed, {firstName}. Open {opensat}.\"}", "Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("errors").findValuesAsString("field")).containsExactly("afterHoursTemplate");
		assertThat(answer.body()).contains("Unknown merge field {opensat}").contains("{opensAt}");
		assertThat(this.jdbc.sql("SELECT after_hours_template FROM settings").query(String.class).optional()).isEmpty();
	}

	@Test
	void theSettingsPageTakesTheHoursOneLineADay() {
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);
		assertThat(admin.get("/settings").body()).contains("Business hours").contains("Mon 00:00-00:00");

		Http.Answer saved = admin.post("/settings", Map.of("businessHours", """
				Mon 7:00-18:00
				tue 07:00-18:00
				Wed 07:00-18:00
				Thu 07:00-18:00
				Fri 07:00-12:00, 13:00-18:00
				Sat 22:00-02:00
				Sun closed
				"""));

		assertThat(saved.status()).isEqualTo(302);
		JsonNode hours = this.http.get("/api/settings", "Authorization", staffAuth()).json().get("businessHours");
		assertThat(hours.get("mon").get(0).get("open").asString()).isEqualTo("07:00");
		assertThat(hours.get("fri").size()).isEqualTo(2);
		assertThat(hours.get("sun").isEmpty()).isTrue();
		assertThat(admin.get("/settings").body()).contains("Fri 07:00-12:00, 13:00-18:00").contains("Sun closed");
	}

	@Test
	void aMistakeOnThePageIsNamedWithItsDay() {
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);

		Http.Answer answer = admin.post("/settings", Map.of("businessHours",
				"Mon 07:00-18:00\nTue 7am to 6pm\nWed closed\nThu closed\nFri closed\n" + "Sat closed\nSun closed"));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).contains("Tue: write its hours as 07:00-18:00").contains("Nothing was saved");
		assertThat(this.jdbc.sql("SELECT business_hours FROM settings").query(String.class).optional()).isEmpty();
	}

}
