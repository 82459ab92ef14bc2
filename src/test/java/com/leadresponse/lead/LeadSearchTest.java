package com.leadresponse.lead;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The staff search of the lead list (SPEC 3 {@code q}): a name or phone fragment. */
class LeadSearchTest extends IntegrationTest {

	@BeforeEach
	void leads() {
		createLead("Maria Lopez", "+15125550134");
		createLead("James Smith", "+15125550177");
	}

	@Test
	void searchByNameFindsOnlyLeadsWithThatName() {
		assertThat(namesFound("lop")).containsExactly("Maria Lopez");
	}

	@Test
	void searchByPhoneDigitsFindsTheLeadWithThatNumber() {
		assertThat(namesFound("555-0177")).containsExactly("James Smith");
	}

	/**
	 * The JSON API and the inbox search by one rule: a text with fewer than three digits
	 * is a name fragment only ({@code a1} would otherwise match every phone with a 1).
	 */
	@Test
	void theApiAndTheInboxFindTheSameLeadsForTheSameText() {
		createLead("Dana 1st", "+15125550188");
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);
		for (String query : List.of("a1", "na 1", "lop", "0177", "555-01", "ma")) {
			String page = admin.get("/?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).body();
			List<String> inInbox = List.of("Maria Lopez", "James Smith", "Dana 1st")
				.stream()
				.filter(page::contains)
				.toList();
			assertThat(inInbox).as("inbox search for " + query).containsExactlyInAnyOrderElementsOf(namesFound(query));
		}
		assertThat(namesFound("a1")).isEmpty();
		assertThat(namesFound("na 1")).containsExactly("Dana 1st");
	}

	private List<String> namesFound(String query) {
		Http.Answer answer = this.http.get("/api/leads?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
				"Authorization", staffAuth());
		assertThat(answer.status()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		answer.json().forEach((lead) -> names.add(lead.get("name").asString()));
		return names;
	}

}
