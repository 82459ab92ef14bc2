package com.leadresponse.lead;

import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/leads?q=}: a name fragment or the digits of a phone (SPEC 3). */
class LeadSearchApiTest extends IntegrationTest {

	@Test
	void searchByNameFindsOnlyThatName() {
		createLead("Maria Lopez", "+15125550134");
		createLead("John Smith", "+15125550999");

		var found = this.http.get("/api/leads?q=maria", "Authorization", staffAuth()).json();

		assertThat(found).hasSize(1);
		assertThat(found.get(0).get("name").asString()).isEqualTo("Maria Lopez");
	}

	@Test
	void searchByPhoneDigitsAsTypedFindsThatPhone() {
		createLead("Maria Lopez", "+15125550134");
		createLead("John Smith", "+15125550999");

		var found = this.http.get("/api/leads?q=555-0999", "Authorization", staffAuth()).json();

		assertThat(found).hasSize(1);
		assertThat(found.get(0).get("name").asString()).isEqualTo("John Smith");
	}

}
