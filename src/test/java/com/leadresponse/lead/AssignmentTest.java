package com.leadresponse.lead;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffRole;
import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Assignment (SPEC 11): new leads go in turn to the staff who take new leads, two at one
 * moment to two people, on one instance or two; nobody marked leaves them unassigned; the
 * owner gets the new-lead alert; staff reassign; admins mark who takes new leads.
 */
class AssignmentTest extends IntegrationTest {

	private static final String OFFICE_PHONE = "+15125550901";

	private static final String DANA_PHONE = "+15125550902";

	@Autowired
	private StaffAccounts accounts;

	@Test
	void twoLeadsAtTheSameMomentGoToTwoPeople() {
		List<UUID> takers = List.of(taker("dana"), taker("eli"));
		for (int round = 0; round < 5; round++) {
			int base = round * 2;
			List<UUID> leads = Concurrently.run(2, (i) -> createLead("Lead " + (base + i), phone(base + i)));
			assertThat(leads.stream().map(this::ownerOf).toList()).as("round %d", round)
				.doesNotContainNull()
				.doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(takers);
		}
	}

	@Test
	void twoLeadsAtTheSameMomentOnTwoInstancesGoToTwoPeople() {
		List<UUID> takers = List.of(taker("dana"), taker("eli"), taker("fay"), taker("gus"));
		Http second = secondInstance().http();
		for (int round = 0; round < 3; round++) {
			int base = round * 4;
			List<UUID> leads = Concurrently.run(4, (i) -> {
				Http.Answer answer = ((i % 2 == 0) ? this.http : second).postJson("/api/leads",
						"{\"name\":\"Lead " + (base + i) + "\",\"phone\":\"" + phone(base + i) + "\"}", "X-Api-Key",
						API_KEY);
				assertThat(answer.status()).isEqualTo(201);
				return UUID.fromString(answer.json().get("id").asString());
			});
			assertThat(leads.stream().map(this::ownerOf).toList()).as("round %d", round)
				.doesNotContainNull()
				.containsExactlyInAnyOrderElementsOf(takers);
		}
	}

	@Test
	void newLeadsGoInTurnAndOnlyToStaffWhoTakeThemAndCanSignIn() {
		UUID dana = taker("dana");
		UUID eli = taker("eli");
		UUID fay = taker("fay");
		this.accounts.setEnabled(fay, false);
		List<UUID> owners = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			owners.add(ownerOf(createLead("Lead " + i, phone(i))));
		}
		assertThat(owners).containsOnly(dana, eli);
		assertThat(owners.get(0)).isNotEqualTo(owners.get(1));
		assertThat(owners.subList(2, 4)).isEqualTo(owners.subList(0, 2));
		this.accounts.setEnabled(fay, true);
	}

	@Test
	void withNobodyTakingNewLeadsALeadIsUnassigned() {
		Http.Answer answer = postLead("Maria Lopez", "+15125550134");

		assertThat(answer.status()).isEqualTo(201);
		assertThat(answer.json().get("assignedTo").isNull()).isTrue();
		assertThat(ownerOf(UUID.fromString(answer.json().get("id").asString()))).isNull();
	}

	@Test
	void leadJsonNamesItsOwner() {
		UUID dana = taker("dana");
		Http.Answer answer = postLead("Maria Lopez", "+15125550134");

		assertThat(answer.json().get("assignedTo").asString()).isEqualTo(dana.toString());
		Http.Answer detail = this.http.get("/api/leads/" + answer.json().get("id").asString(), "Authorization",
				staffAuth());
		assertThat(detail.json().get("assignedTo").asString()).isEqualTo(dana.toString());
	}

	@Test
	void newLeadAlertGoesToItsOwnerInsteadOfTheOfficePhones() {
		this.jdbc.sql("UPDATE settings SET alert_phones = :phones").param("phones", OFFICE_PHONE).update();
		UUID dana = taker("dana");
		this.accounts.setAlertPhone(dana, DANA_PHONE);

		createLead("Maria Lopez", "+15125550134");

		awaitAcceptedTo(DANA_PHONE, 1);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("SELECT count(*) FROM staff_alerts WHERE status IN ('queued', 'sending')") == 0);
		assertThat(
				this.jdbc.sql("SELECT recipient FROM staff_alerts WHERE event = 'new_lead'").query(String.class).list())
			.containsExactly(DANA_PHONE);
		assertThat(twilio.receivedFor(OFFICE_PHONE)).isEmpty();
		assertThat(twilio.receivedFor(DANA_PHONE).get(0).body()).startsWith("New lead: Maria Lopez");
	}

	@Test
	void ownerWithoutAnAlertPhoneOrEmailServerLeavesTheAlertToTheOfficePhones() {
		this.jdbc.sql("UPDATE settings SET alert_phones = :phones").param("phones", OFFICE_PHONE).update();
		taker("dana");

		createLead("Maria Lopez", "+15125550134");

		awaitAcceptedTo(OFFICE_PHONE, 1);
		assertThat(
				this.jdbc.sql("SELECT recipient FROM staff_alerts WHERE event = 'new_lead'").query(String.class).list())
			.containsExactly(OFFICE_PHONE);
	}

	@Test
	void staffReassignALeadToSomeoneElseOrToNobody() {
		UUID lead = createLead("Maria Lopez", "+15125550134");
		UUID eli = staff("eli");

		Http.Answer toEli = this.http.postJson("/api/leads/" + lead + "/assignee", "{\"assignedTo\":\"" + eli + "\"}",
				"Authorization", staffAuth());
		assertThat(toEli.status()).isEqualTo(200);
		assertThat(toEli.json().get("assignedTo").asString()).isEqualTo(eli.toString());
		assertThat(ownerOf(lead)).isEqualTo(eli);

		Http.Answer toNobody = this.http.postJson("/api/leads/" + lead + "/assignee", "{\"assignedTo\":null}",
				"Authorization", staffAuth());
		assertThat(toNobody.status()).isEqualTo(200);
		assertThat(ownerOf(lead)).isNull();
	}

	@Test
	void reassigningToAnAccountThatCannotSignInIsA400NamingTheField() {
		UUID lead = createLead("Maria Lopez", "+15125550134");
		UUID fay = staff("fay");
		this.accounts.setEnabled(fay, false);

		for (String owner : List.of(fay.toString(), UUID.randomUUID().toString())) {
			Http.Answer answer = this.http.postJson("/api/leads/" + lead + "/assignee",
					"{\"assignedTo\":\"" + owner + "\"}", "Authorization", staffAuth());
			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.body()).contains("assignedTo");
		}
		assertThat(ownerOf(lead)).isNull();
		this.accounts.setEnabled(fay, true);
	}

	@Test
	void adminsMarkWhoTakesNewLeadsThroughTheApiAndAgentsMayNot() {
		UUID eli = staff("eli");

		Http.Answer marked = this.http.patchJson("/api/users/" + eli, "{\"takesNewLeads\":true}", "Authorization",
				staffAuth());
		assertThat(marked.status()).isEqualTo(200);
		assertThat(marked.json().get("takesNewLeads").asBoolean()).isTrue();
		assertThat(ownerOf(createLead("Maria Lopez", "+15125550134"))).isEqualTo(eli);

		Http.Answer bad = this.http.patchJson("/api/users/" + eli, "{\"takesNewLeads\":\"often\"}", "Authorization",
				staffAuth());
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("takesNewLeads");

		Http.Answer byAgent = this.http.patchJson("/api/users/" + eli, "{\"takesNewLeads\":false}", "Authorization",
				Http.basic("eli@example.com", "eli-password-123"));
		assertThat(byAgent.status()).isEqualTo(403);
		Http.Answer list = this.http.get("/api/users", "Authorization", staffAuth());
		assertThat(list.body()).contains("eli@example.com").doesNotContain("password");
	}

	/**
	 * An agent account (made once; accounts outlive tests) marked as taking new leads.
	 */
	private UUID taker(String name) {
		UUID id = staff(name);
		this.accounts.setTakesNewLeads(id, true);
		return id;
	}

	private UUID staff(String name) {
		this.accounts.create(name + "@example.com", name.substring(0, 1).toUpperCase() + name.substring(1),
				name + "-password-123", StaffRole.AGENT);
		return this.jdbc.sql("SELECT id FROM users WHERE email = :email")
			.param("email", name + "@example.com")
			.query(UUID.class)
			.single();
	}

	private UUID ownerOf(UUID lead) {
		return this.jdbc.sql("SELECT assigned_to FROM leads WHERE id = :id")
			.param("id", lead)
			.query(UUID.class)
			.optional()
			.orElse(null);
	}

	private static String phone(int i) {
		return String.format("+1512555%04d", 100 + i);
	}

}
