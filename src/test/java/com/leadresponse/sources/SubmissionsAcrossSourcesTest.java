package com.leadresponse.sources;

import java.util.List;
import java.util.UUID;

import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC 9: one person through several sources is one lead with a submission per source and
 * one instant response, also when the submissions arrive at the same moment on two
 * instances; the lead keeps its first source; the intake API's submissions are stored
 * too.
 */
class SubmissionsAcrossSourcesTest extends SourceTest {

	private static final String PHONE = "+15125550134";

	@BeforeEach
	void secretsSet() {
		setSecrets("{\"angiApiKey\": \"" + ANGI_KEY + "\", \"thumbtackUsername\": \"" + THUMBTACK_USER
				+ "\", \"thumbtackPassword\": \"" + THUMBTACK_PASSWORD + "\"}");
	}

	private static String thumbtackFor(String phone) {
		return sample("thumbtack-negotiation.json",
				(n) -> ((tools.jackson.databind.node.ObjectNode) n.get("customer")).put("phone", phone));
	}

	@Test
	void angiAndThumbtackAtTheSameMomentOnTwoInstancesMakeOneLeadTwoSubmissionsAndOneText() {
		Http second = secondInstance().http();
		for (int round = 0; round < 3; round++) {
			String phone = "+1512555013" + round;
			String angi = sample("angi-lead.json", (lead) -> lead.put("primaryPhone", phone));
			String thumbtack = thumbtackFor(phone);
			String angiId = String.valueOf(987654321 + round);
			String negotiationId = "51915348050051891" + round;
			List<Integer> statuses = Concurrently.run(2, (i) -> (i == 0)
					? this.http.postJson("/api/sources/angi", angi.replace("987654321", angiId), "x-api-key", ANGI_KEY)
						.status()
					: second
						.postJson("/api/sources/thumbtack", thumbtack.replace("519153480500518912", negotiationId),
								"Authorization", Http.basic(THUMBTACK_USER, THUMBTACK_PASSWORD))
						.status());
			assertThat(statuses).containsOnly(200);
			awaitAcceptedTo(phone, 1);
		}
		awaitPipelineIdle();

		assertThat(leads()).isEqualTo(3);
		assertThat(submissions()).isEqualTo(6);
		assertThat(count("SELECT count(*) FROM lead_submissions WHERE lead_id IS NULL")).isZero();
		assertThat(count("SELECT count(DISTINCT lead_id) FROM lead_submissions")).isEqualTo(3);
		assertThat(count("SELECT count(*) FROM lead_submissions WHERE outcome = 'created'")).isEqualTo(3);
		for (int round = 0; round < 3; round++) {
			assertThat(twilio.receivedFor("+1512555013" + round)).hasSize(1);
		}
	}

	@Test
	void aSecondSourceAttachesToTheOpenLeadWhichKeepsItsFirstSource() {
		this.http.postJson("/api/sources/angi", sample("angi-lead.json"), "x-api-key", ANGI_KEY);
		awaitAcceptedTo(PHONE, 1);

		this.http.postJson("/api/sources/thumbtack", thumbtackFor(PHONE), "Authorization",
				Http.basic(THUMBTACK_USER, THUMBTACK_PASSWORD));
		awaitPipelineIdle();

		assertThat(leads()).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT source FROM leads").query(String.class).single()).isEqualTo("angi");
		assertThat(outcome("thumbtack")).isEqualTo("attached");
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void theIntakeApiStoresItsSubmissionWithTheBodyAsReceived() {
		String body = "{\"name\":\"Maria\",\"phone\":\"(512) 555-0134\",\"externalId\":\"web-77\",\"utm\":\"spring\"}";
		Http.Answer answer = this.http.postJson("/api/leads", body, "X-Api-Key", API_KEY);

		assertThat(answer.status()).isEqualTo(201);
		assertThat(this.jdbc.sql("""
				SELECT source || '|' || external_id || '|' || outcome || '|' || (payload ->> 'utm') || '|' || lead_id
				FROM lead_submissions
				""").query(String.class).single())
			.isEqualTo("api|web-77|created|spring|" + answer.json().get("id").asString());
	}

	@Test
	void aReplayOfAnExternalIdToTheIntakeApiAnswersTheFirstLeadAndChangesNothing() {
		String body = "{\"name\":\"Maria\",\"phone\":\"(512) 555-0134\",\"externalId\":\"web-77\"}";
		UUID first = UUID
			.fromString(this.http.postJson("/api/leads", body, "X-Api-Key", API_KEY).json().get("id").asString());
		awaitAcceptedTo(PHONE, 1);
		this.jdbc.sql("UPDATE leads SET status = 'lost'").update();

		Http.Answer replay = this.http.postJson("/api/leads", body, "X-Api-Key", API_KEY);

		assertThat(replay.status()).isEqualTo(200);
		assertThat(replay.json().get("id").asString()).isEqualTo(first.toString());
		assertThat(replay.json().get("duplicate").asBoolean()).isTrue();
		assertThat(replay.json().properties()).hasSize(3);
		assertThat(leads()).isEqualTo(1);
		assertThat(submissions()).isEqualTo(1);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void anApiSubmissionForAPhoneWithAnOpenLeadIsStoredOnThatLead() {
		this.http.postJson("/api/sources/angi", sample("angi-lead.json"), "x-api-key", ANGI_KEY);
		Http.Answer answer = postLead("Maria L", PHONE);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(submissions()).isEqualTo(2);
		assertThat(count("SELECT count(DISTINCT lead_id) FROM lead_submissions")).isEqualTo(1);
	}

}
