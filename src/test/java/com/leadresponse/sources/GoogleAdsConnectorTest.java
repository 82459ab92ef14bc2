package com.leadresponse.sources;

import java.util.stream.IntStream;

import com.leadresponse.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Google Ads lead form connector (SPEC 9): {@code google_key} against the key in the
 * settings, {@code lead_id}, test leads stored and marked, never texted.
 */
class GoogleAdsConnectorTest extends SourceTest {

	private static final String PHONE = "+15125550134";

	@BeforeEach
	void keySet() {
		setSecrets("{\"googleAdsKey\": \"" + GOOGLE_KEY + "\"}");
	}

	private Http.Answer post(String body) {
		return this.http.postJson("/api/sources/google-ads", body);
	}

	@Test
	void googleSampleLeadIsCreatedAndTextedOnce() {
		Http.Answer answer = post(sample("google-ads-lead.json"));

		assertThat(answer.status()).isEqualTo(200);
		awaitAcceptedTo(PHONE, 1);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(
				this.jdbc.sql("SELECT name || '|' || email || '|' || source FROM leads").query(String.class).single())
			.isEqualTo("FirstName LastName|test@example.com|google-ads");
		assertThat(this.jdbc.sql("SELECT answers::text FROM lead_submissions").query(String.class).single())
			.contains("What is the job?")
			.contains("Bore under the driveway for a water line");
	}

	@Test
	void theKeyIsNotStoredWithThePayload() {
		post(sample("google-ads-lead.json"));

		assertThat(this.jdbc.sql("SELECT payload::text FROM lead_submissions").query(String.class).single())
			.doesNotContain(GOOGLE_KEY)
			.contains("gcl-id-1234567890");
	}

	@Test
	void fiveReplaysOfAGoogleLeadChangeNothing() {
		assertThat(post(sample("google-ads-lead.json")).status()).isEqualTo(200);
		awaitAcceptedTo(PHONE, 1);

		IntStream.range(0, 5).forEach((i) -> assertThat(post(sample("google-ads-lead.json")).status()).isEqualTo(200));
		awaitPipelineIdle();

		assertThat(submissions()).isEqualTo(1);
		assertThat(leads()).isEqualTo(1);
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void aWrongOrMissingKeyIsRefusedWith401AndStoresNothing() {
		Http.Answer wrong = post(sample("google-ads-lead.json", (lead) -> lead.put("google_key", "guessed-key-12345")));
		Http.Answer missing = post(sample("google-ads-lead.json", (lead) -> lead.remove("google_key")));

		assertThat(wrong.status()).isEqualTo(401);
		assertThat(missing.status()).isEqualTo(401);
		assertThat(wrong.body()).doesNotContain("guessed-key-12345");
		assertThat(submissions()).isZero();
		assertThat(leads()).isZero();
		assertThat(lastRefusal("google-ads")).isEqualTo("The lead has no google_key");
	}

	@Test
	void aTestLeadIsStoredAndMarkedButNotTexted() {
		Http.Answer answer = post(sample("google-ads-lead.json", (lead) -> lead.put("is_test", true)));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(outcome("google-ads")).isEqualTo("test");
		assertThat(leads()).isZero();
		assertThat(twilio.received()).isEmpty();
	}

	@Test
	void unknownExtraFieldsAreIgnored() {
		Http.Answer answer = post(sample("google-ads-lead.json", (lead) -> {
			lead.put("asset_group_id", 40000000000L);
			lead.putArray("future_list").addObject().put("x", 1);
		}));

		assertThat(answer.status()).isEqualTo(200);
		awaitAcceptedTo(PHONE, 1);
	}

	@Test
	void aLeadWithoutAPhoneIsKeptForStaffAndNotTexted() {
		Http.Answer answer = post(sample("google-ads-lead.json", (lead) -> {
			tools.jackson.databind.node.ArrayNode columns = (tools.jackson.databind.node.ArrayNode) lead
				.get("user_column_data");
			columns.remove(1);
		}));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(outcome("google-ads")).isEqualTo("no_phone");
		assertThat(leads()).isZero();
		assertThat(twilio.received()).isEmpty();
	}

}
