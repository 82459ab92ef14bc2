package com.leadresponse.lead;

import java.util.ArrayList;
import java.util.List;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
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

	private List<String> namesFound(String query) {
		Http.Answer answer = this.http.get("/api/leads?q=" + query.replace(" ", "%20"), "Authorization", staffAuth());
		assertThat(answer.status()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		answer.json().forEach((lead) -> names.add(lead.get("name").asString()));
		return names;
	}

}
