package com.leadresponse.calls;

import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import com.leadresponse.support.Twiml;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings of SPEC 8 in the settings API and the settings page, validated there, and
 * in force on the next call.
 */
class CallSettingsTest extends IntegrationTest {

	private static final String CALLER = "+15125550134";

	@Test
	void settingsApiAnswersEveryCallSettingWithItsDefault() {
		JsonNode settings = this.http.get("/api/settings", "Authorization", staffAuth()).json();

		assertThat(settings.get("staffPhones").isArray()).isTrue();
		assertThat(settings.get("staffPhones")).isEmpty();
		assertThat(settings.get("ringSeconds").asInt()).isEqualTo(20);
		assertThat(settings.get("voicemailEnabled").asBoolean()).isTrue();
		assertThat(settings.get("voicemailGreeting").asString()).startsWith("Thanks for calling {businessName}.");
		assertThat(settings.get("missedCallTemplate").asString())
			.isEqualTo("Sorry we missed your call, this is {businessName}. How can we help?");
		assertThat(settings.get("missedCallDelaySeconds").asInt()).isEqualTo(60);
		assertThat(settings.get("missedCallWindowHours").asInt()).isEqualTo(24);
		assertThat(settings.get("quietHoursApplyToMissedCall").asBoolean()).isFalse();
	}

	@Test
	void changedCallSettingsApplyToTheNextCall() {
		Http.Answer patched = this.http.patchJson("/api/settings", """
				{"staffPhones": ["(512) 555-0901", "+1 512 555 0902"], "ringSeconds": 25,
				 "missedCallDelaySeconds": 90, "missedCallTemplate": "Hi, {businessName} here. We saw your call."}
				""", "Authorization", staffAuth());
		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.json().get("staffPhones").get(0).asString()).isEqualTo("+15125550901");

		Http.Answer rang = postSignedWebhook(VoiceWebhookTest.VOICE, incomingCall("CA" + "1".repeat(32), CALLER));
		postSignedWebhook(VoiceWebhookTest.DIAL_STATUS, dialStatus("CA" + "1".repeat(32), CALLER, "no-answer", null));

		assertThat(Twiml.nouns(Twiml.parse(rang.body()).verb("Dial"), "Number")).containsExactly("+15125550901",
				"+15125550902");
		assertThat(Twiml.parse(rang.body()).verb("Dial").getAttribute("timeout")).isEqualTo("25");
		this.clock.advance(Duration.ofSeconds(90));
		runDueBackgroundTasks();
		awaitAcceptedTo(CALLER, 1);
		assertThat(twilio.receivedFor(CALLER).get(0).body()).isEqualTo("Hi, Our team here. We saw your call.");
	}

	@Test
	void templateWithAnUnknownMergeFieldIsRefusedNamingTheField() {
		Http.Answer answer = this.http.patchJson("/api/settings",
				"{\"missedCallTemplate\": \"Hi {firstname}, we missed you\", \"ringSeconds\": 30}", "Authorization",
				staffAuth());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("errors").findValuesAsString("field")).containsExactly("missedCallTemplate");
		assertThat(answer.body()).contains("Unknown merge field {firstname}");
		Map<String, Object> row = this.jdbc.sql("SELECT missed_call_template, ring_seconds FROM settings")
			.query()
			.singleRow();
		assertThat(row).containsEntry("missed_call_template", null).containsEntry("ring_seconds", null);
	}

	@Test
	void moreStaffPhonesThanTwilioRingsAtOnceAreRefused() {
		String eleven = String.join(",",
				IntStream.rangeClosed(10, 20).mapToObj((n) -> "\"+151255509" + n + "\"").toList());

		Http.Answer answer = this.http.patchJson("/api/settings", "{\"staffPhones\": [" + eleven + "]}",
				"Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("Enter at most 10 phone numbers.");
	}

	@Test
	void settingsPageShowsTheCallSettings() {
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);

		String page = admin.get("/settings").body();

		assertThat(page).contains("Phone calls", "Missed-call text", "name=\"staffPhones\"", "name=\"ringSeconds\"",
				"name=\"voicemailEnabled\"", "name=\"voicemailGreeting\"", "name=\"missedCallTemplate\"",
				"name=\"missedCallDelaySeconds\"", "name=\"missedCallWindowHours\"",
				"name=\"quietHoursApplyToMissedCall\"");
	}

}
