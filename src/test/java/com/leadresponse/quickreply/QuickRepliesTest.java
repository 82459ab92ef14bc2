package com.leadresponse.quickreply;

import java.util.Map;
import java.util.UUID;

import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffRole;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quick replies (SPEC 11): admins save them through the API and the settings page, with
 * the sequence's merge fields checked the same way (an unknown one refused, named); every
 * staff member reads them; the lead page offers them filled for its lead, escaped.
 */
class QuickRepliesTest extends IntegrationTest {

	private static final String API = "/api/quick-replies";

	@Autowired
	StaffAccounts staff;

	@Test
	void adminsSaveAndDeleteQuickRepliesThroughTheApi() {
		Http.Answer created = save("price", "Hi {firstName}, a driveway bore starts at $900.");

		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(created.header("Location")).isEqualTo(API + "/" + id);
		assertThat(created.json().get("shortcut").asString()).isEqualTo("price");
		Http.Answer list = this.http.get(API, "Authorization", staffAuth());
		assertThat(list.json().get(0).get("body").asString())
			.isEqualTo("Hi {firstName}, a driveway bore starts at $900.");

		Http.Answer deleted = this.http
			.send(this.http.request(API + "/" + id).header("Authorization", staffAuth()).DELETE());
		assertThat(deleted.status()).isEqualTo(204);
		assertThat(count("SELECT count(*) FROM quick_replies")).isZero();
	}

	@Test
	void anUnknownMergeFieldIsRefusedNamingIt() {
		Http.Answer answer = save("price", "Hi {firstname}, from {businessName}");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("body");
		assertThat(answer.json().get("detail").asString()).contains("Unknown merge field {firstname}")
			.contains("{firstName}");
		assertThat(count("SELECT count(*) FROM quick_replies")).isZero();
	}

	@Test
	void badQuickRepliesAreRefusedNamingTheFieldAndNothingIsStored() {
		assertRefused(save("two words", "Hello"), "shortcut");
		assertRefused(save("", "Hello"), "shortcut");
		assertRefused(save("price", "   "), "body");
		assertRefused(save("price", "x".repeat(1601)), "body");
		assertRefused(save("price", "Hello\u0007"), "body");
		assertRefused(this.http.postJson(API, "{\"shortcut\": 7, \"body\": \"Hello\"}", "Authorization", staffAuth()),
				"shortcut");
		assertThat(save("price", "Hello").status()).isEqualTo(201);
		assertRefused(save("/Price", "Another"), "shortcut");
		assertThat(count("SELECT count(*) FROM quick_replies")).isEqualTo(1);
	}

	@Test
	void agentsReadQuickRepliesButOnlyAdminsChangeThem() {
		this.staff.create("agent@example.com", "Agent Smith", "agent-password-1", StaffRole.AGENT);
		String agent = Http.basic("agent@example.com", "agent-password-1");
		save("price", "Hello");

		assertThat(this.http.get(API, "Authorization", agent).status()).isEqualTo(200);
		assertThat(this.http.postJson(API, "{\"shortcut\": \"x\", \"body\": \"Hi\"}", "Authorization", agent).status())
			.isEqualTo(403);
		assertThat(count("SELECT count(*) FROM quick_replies")).isEqualTo(1);
	}

	@Test
	void theLeadPageOffersQuickRepliesFilledForItsLeadAndEscaped() {
		save("price", "Hi {firstName}, {businessName} bores from $900 <b>today</b>.");
		UUID leadId = createLead("Maria <i>Lopez</i>", "+15125550134");
		StaffSession session = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);

		String page = session.get("/leads/" + leadId).body();

		assertThat(page).contains("data-shortcut=\"price\"")
			.contains("Hi Maria, Our team bores from $900 &lt;b&gt;today&lt;/b&gt;.")
			.doesNotContain("<b>today</b>");
	}

	@Test
	void theSettingsPageRefusesAnUnknownMergeFieldAndKeepsTheDraft() {
		StaffSession session = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);

		Http.Answer answer = session.post("/settings/quick-replies",
				Map.of("shortcut", "price", "body", "Hi {first_name}"));

		assertThat(answer.body()).contains("Unknown merge field {first_name}").contains("Hi {first_name}</textarea>");
		assertThat(count("SELECT count(*) FROM quick_replies")).isZero();
		session.post("/settings/quick-replies", Map.of("shortcut", "price", "body", "Hi {firstName}"));
		assertThat(session.get("/settings/quick-replies").body()).contains("/price").contains("Hi {firstName}");
	}

	private Http.Answer save(String shortcut, String body) {
		return this.http.postJson(API, Http.JSON.writeValueAsString(Map.of("shortcut", shortcut, "body", body)),
				"Authorization", staffAuth());
	}

	private static void assertRefused(Http.Answer answer, String field) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.json().get("errors").get(0).get("field").asString()).as(answer.body()).isEqualTo(field);
	}

}
