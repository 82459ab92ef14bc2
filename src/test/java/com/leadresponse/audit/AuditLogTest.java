package com.leadresponse.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.sequence.SequenceEditor;
import com.leadresponse.sequence.SequenceStep;
import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffRole;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit log (SPEC 11): status changes, bypassed limits, settings, users and API keys
 * are recorded with who and when; admins read it newest first, on the settings page and
 * through {@code GET /api/audit-log}; agents may not; nobody can edit it.
 */
class AuditLogTest extends IntegrationTest {

	private static final String AGENT_EMAIL = "agent@example.com";

	private static final String AGENT_PASSWORD = "agent-password-1";

	@Autowired
	StaffAccounts staff;

	@Autowired
	AuditLog audit;

	@Autowired
	SequenceEditor sequence;

	@BeforeEach
	void agentAndAnEmptyLog() {
		this.staff.create(AGENT_EMAIL, "Agent Smith", AGENT_PASSWORD, StaffRole.AGENT);
		this.jdbc.sql("TRUNCATE audit_log").update();
	}

	@Test
	void aStatusChangeIsRecordedWithWhoAndWhen() {
		UUID lead = createLead("Maria Lopez", "+15125550134");
		this.clock.advance(Duration.ofMinutes(5));

		Http.Answer answer = this.http.postJson("/api/leads/" + lead + "/status",
				"{\"status\": \"won\", \"reason\": \"Signed the bore job\"}", "Authorization",
				Http.basic(AGENT_EMAIL, AGENT_PASSWORD));

		assertThat(answer.status()).isEqualTo(200);
		JsonNode entry = only("lead.status_changed");
		assertThat(entry.get("actor").asString()).isEqualTo(AGENT_EMAIL);
		assertThat(entry.get("subject").asString()).isEqualTo("lead:" + lead);
		assertThat(entry.get("at").asString()).isEqualTo(this.clock.instant().toString());
		assertThat(entry.get("details").get("from").asString()).isEqualTo("contacted");
		assertThat(entry.get("details").get("to").asString()).isEqualTo("won");
		assertThat(entry.get("details").get("reason").asString()).isEqualTo("Signed the bore job");
	}

	@Test
	void undoingACloseIsRecorded() {
		UUID lead = createLead("Maria Lopez", "+15125550134");
		StaffSession agent = StaffSession.signIn(this.port, AGENT_EMAIL, AGENT_PASSWORD);
		agent.post("/leads/" + lead + "/status", Map.of("status", "lost", "reason", "Went with another crew"));

		agent.post("/leads/" + lead + "/status/undo", Map.of());

		JsonNode entry = only("lead.close_undone");
		assertThat(entry.get("actor").asString()).isEqualTo(AGENT_EMAIL);
		assertThat(entry.get("details").get("from").asString()).isEqualTo("lost");
		assertThat(entry.get("details").get("to").asString()).isEqualTo("contacted");
	}

	@Test
	void anAdminsTextPastTheLimitsIsRecorded() {
		UUID lead = createLead("Maria Lopez", "+15125550134");
		awaitAcceptedTo("+15125550134", 1);

		Http.Answer answer = this.http.postJson("/api/leads/" + lead + "/messages",
				"{\"body\": \"Crew is on the way\", \"bypassRateLimit\": true}", "Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(202);
		JsonNode entry = only("sms.limits_bypassed");
		assertThat(entry.get("actor").asString()).isEqualTo(ADMIN_EMAIL);
		assertThat(entry.get("subject").asString()).isEqualTo("lead:" + lead);
		assertThat(entry.get("details").get("messageId").asString())
			.isEqualTo(answer.json().get("messageId").asString());
		assertThat(entries("sms.limits_bypassed")).hasSize(1);
	}

	@Test
	void aTextWithinTheLimitsIsNotAnAuditEntry() {
		UUID lead = createLead("Maria Lopez", "+15125550134");
		this.clock.advance(Duration.ofMinutes(2));

		this.http.postJson("/api/leads/" + lead + "/messages", "{\"body\": \"Crew is on the way\"}", "Authorization",
				staffAuth());

		assertThat(entries("sms.limits_bypassed")).isEmpty();
	}

	@Test
	void aSettingsChangeRecordsEachChangedFieldFromAndTo() {
		this.http.patchJson("/api/settings", "{\"dailySmsLimit\": 3, \"minSmsIntervalSeconds\": 60}", "Authorization",
				staffAuth());

		JsonNode entry = only("settings.changed");
		assertThat(entry.get("actor").asString()).isEqualTo(ADMIN_EMAIL);
		JsonNode details = entry.get("details");
		assertThat(details.propertyNames()).containsExactly("dailySmsLimit");
		assertThat(details.get("dailySmsLimit").get("from").asInt()).isEqualTo(5);
		assertThat(details.get("dailySmsLimit").get("to").asInt()).isEqualTo(3);
	}

	@Test
	void aRefusedSettingsChangeRecordsNothing() {
		Http.Answer answer = this.http.patchJson("/api/settings",
				"{\"dailySmsLimit\": 3, \"businessTimezone\": \"Mars/Olympus_Mons\"}", "Authorization", staffAuth());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(entries("settings.changed")).isEmpty();
	}

	@Test
	void theSettingsPageRecordsOnlyWhatItChanged() {
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);

		admin.post("/settings",
				Map.of("businessName", "Lone Star Boring", "dailySmsLimit", "5", "voicemailEnabled", "true"));

		JsonNode details = only("settings.changed").get("details");
		assertThat(details.propertyNames()).containsExactly("businessName");
		assertThat(details.get("businessName").get("to").asString()).isEqualTo("Lone Star Boring");
	}

	@Test
	void usersAddedDisabledAndGivenANewPasswordAreRecordedWithoutThePassword() {
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);
		admin.post("/settings/users", Map.of("name", "Dana Field", "email", "dana.audit@example.com", "role", "agent",
				"password", "dana-password-123"));
		UUID dana = this.jdbc.sql("SELECT id FROM users WHERE email = 'dana.audit@example.com'")
			.query(UUID.class)
			.single();

		admin.post("/settings/users/" + dana + "/password", Map.of("password", "another-password-456"));
		admin.post("/settings/users/" + dana + "/enabled", Map.of("enabled", "false"));

		JsonNode created = only("user.created");
		assertThat(created.get("subject").asString()).isEqualTo("user:dana.audit@example.com");
		assertThat(created.get("actor").asString()).isEqualTo(ADMIN_EMAIL);
		assertThat(created.get("details").get("role").asString()).isEqualTo("agent");
		assertThat(only("user.password_reset").get("subject").asString()).isEqualTo("user:dana.audit@example.com");
		assertThat(only("user.disabled").get("subject").asString()).isEqualTo("user:dana.audit@example.com");
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_log WHERE details::text LIKE '%password-%'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void apiKeysMadeAndRevokedAreRecordedWithoutTheKey() {
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);
		admin.post("/settings/api-keys", Map.of("name", "Website form"));
		UUID key = this.jdbc.sql("SELECT id FROM api_keys WHERE name = 'Website form'").query(UUID.class).single();
		String hash = this.jdbc.sql("SELECT key_hash FROM api_keys WHERE id = :id")
			.param("id", key)
			.query(String.class)
			.single();

		admin.post("/settings/api-keys/" + key + "/revoke", Map.of());
		admin.post("/settings/api-keys/" + key + "/revoke", Map.of());

		JsonNode created = only("api_key.created");
		assertThat(created.get("subject").asString()).isEqualTo("api_key:Website form");
		assertThat(created.get("details").get("prefix").asString()).startsWith("lr_").hasSize(9);
		assertThat(only("api_key.revoked").get("actor").asString()).isEqualTo(ADMIN_EMAIL);
		assertThat(this.jdbc.sql("SELECT count(*) FROM audit_log WHERE details::text LIKE :hash")
			.param("hash", "%" + hash.substring(0, 16) + "%")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aChangeOfTheSequenceIsRecorded() {
		this.sequence.save(List.of(new SequenceStep(1, Duration.ZERO, "Hi {firstName}, thanks! {businessName} here.")));

		JsonNode entry = only("sequence.changed");
		assertThat(entry.get("details").get("to").get(0).asString())
			.isEqualTo("+0 min: Hi {firstName}, thanks! {businessName} here.");
		assertThat(entry.get("details").get("from")).hasSize(5);
	}

	@Test
	void theLogIsReadNewestFirstAPageAtATime() {
		for (int i = 0; i < 3; i++) {
			this.audit.record("tester", "test.entry", "thing:" + i, Map.of("n", i));
			this.clock.advance(Duration.ofSeconds(1));
		}

		JsonNode first = this.http.get("/api/audit-log?size=2", "Authorization", staffAuth()).json();
		JsonNode second = this.http.get("/api/audit-log?size=2&page=1", "Authorization", staffAuth()).json();

		assertThat(first.findValuesAsString("subject")).containsExactly("thing:2", "thing:1");
		assertThat(second.findValuesAsString("subject")).containsExactly("thing:0");
		assertThat(this.http.get("/api/audit-log?size=500", "Authorization", staffAuth()).status()).isEqualTo(400);
	}

	@Test
	void agentsMayNotReadTheLog() {
		this.audit.record("tester", "test.entry", "thing:1", Map.of());

		assertThat(this.http.get("/api/audit-log", "Authorization", Http.basic(AGENT_EMAIL, AGENT_PASSWORD)).status())
			.isEqualTo(403);
		assertThat(StaffSession.signIn(this.port, AGENT_EMAIL, AGENT_PASSWORD).get("/settings/audit-log").status())
			.isEqualTo(403);
		assertThat(this.http.get("/api/audit-log").status()).isEqualTo(401);
	}

	@Test
	void theSettingsPageShowsTheLogWithWhatLeadsTypedEscaped() {
		UUID lead = createLead("Maria Lopez", "+15125550134");
		this.http.postJson("/api/leads/" + lead + "/status", "{\"status\": \"lost\", \"reason\": \"<b>cheaper</b>\"}",
				"Authorization", staffAuth());

		Http.Answer page = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD).get("/settings/audit-log");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Audit log")
			.contains("lead status changed")
			.contains(ADMIN_EMAIL)
			.contains("&lt;b&gt;cheaper&lt;/b&gt;")
			.doesNotContain("<b>cheaper</b>");
	}

	@Test
	void nobodyCanEditOrRemoveAnEntry() {
		this.audit.record("tester", "test.entry", "thing:1", Map.of());

		assertThatThrownBy(() -> this.jdbc.sql("UPDATE audit_log SET actor = 'someone else'").update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("The audit log cannot be changed");
		assertThatThrownBy(() -> this.jdbc.sql("DELETE FROM audit_log").update())
			.isInstanceOf(DataAccessException.class)
			.rootCause()
			.hasMessageContaining("The audit log cannot be changed");
		assertThat(this.jdbc.sql("SELECT actor FROM audit_log").query(String.class).list()).containsExactly("tester");
	}

	private List<JsonNode> entries(String action) {
		JsonNode all = this.http.get("/api/audit-log?size=200", "Authorization", staffAuth()).json();
		List<JsonNode> matching = new java.util.ArrayList<>();
		all.forEach((entry) -> {
			if (action.equals(entry.get("action").asString())) {
				matching.add(entry);
			}
		});
		return matching;
	}

	private JsonNode only(String action) {
		List<JsonNode> matching = entries(action);
		assertThat(matching).as(action).hasSize(1);
		return matching.get(0);
	}

}
