package com.leadresponse.sources;

import java.util.stream.IntStream;

import com.leadresponse.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Angi connector (SPEC 9): {@code x-api-key}, {@code leadOid}, 200 {@code {"status":
 * "success"}} for every lead it keeps, replays included.
 */
class AngiConnectorTest extends SourceTest {

	private static final String PHONE = "+15125550134";

	@BeforeEach
	void angiKeySet() {
		setSecrets("{\"angiApiKey\": \"" + ANGI_KEY + "\"}");
	}

	private Http.Answer post(String body, String... headers) {
		return this.http.postJson("/api/sources/angi", body, headers);
	}

	private Http.Answer postWithKey(String body) {
		return post(body, "x-api-key", ANGI_KEY);
	}

	@Test
	void angiSampleLeadIsCreatedAndTextedOnce() {
		Http.Answer answer = postWithKey(sample("angi-lead.json"));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("status").asString()).isEqualTo("success");
		awaitAcceptedTo(PHONE, 1);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(this.jdbc.sql("SELECT name || '|' || source || '|' || message FROM leads WHERE phone = :phone")
			.param("phone", PHONE)
			.query(String.class)
			.single()).isEqualTo("Maria Lopez|angi|Need a bore under my driveway for a new water line, about 40 feet.");
		assertThat(this.jdbc.sql("""
				SELECT s.external_id || '|' || s.outcome || '|' || (s.payload ->> 'srOid') FROM lead_submissions s
				JOIN leads l ON l.id = s.lead_id WHERE l.phone = :phone
				""").param("phone", PHONE).query(String.class).single()).isEqualTo("987654321|created|123456789");
	}

	@Test
	void fiveReplaysOfAnAngiLeadChangeNothing() {
		assertThat(postWithKey(sample("angi-lead.json")).status()).isEqualTo(200);
		awaitAcceptedTo(PHONE, 1);

		IntStream.range(0, 5).forEach((i) -> {
			Http.Answer replay = postWithKey(sample("angi-lead.json"));
			assertThat(replay.status()).isEqualTo(200);
			assertThat(replay.json().get("status").asString()).isEqualTo("success");
		});
		awaitPipelineIdle();

		assertThat(submissions()).isEqualTo(1);
		assertThat(leads()).isEqualTo(1);
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void aMissingOrWrongApiKeyIsRefusedWith401AndStoresNothing() {
		Http.Answer missing = post(sample("angi-lead.json"));
		Http.Answer wrong = post(sample("angi-lead.json"), "x-api-key", "not-the-key-at-all");

		assertThat(missing.status()).isEqualTo(401);
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.body()).doesNotContain("not-the-key-at-all").doesNotContain(ANGI_KEY);
		assertThat(submissions()).isZero();
		assertThat(leads()).isZero();
		assertThat(lastRefusal("angi")).isEqualTo("The x-api-key header is not the Angi API key set here");
	}

	@Test
	void withNoKeySetEveryPostIsRefused() {
		setSecrets("{\"angiApiKey\": null}");

		assertThat(postWithKey(sample("angi-lead.json")).status()).isEqualTo(401);
		assertThat(submissions()).isZero();
	}

	@Test
	void unknownExtraFieldsAreIgnored() {
		Http.Answer answer = postWithKey(sample("angi-lead.json", (lead) -> {
			lead.put("brandNewField", "from a later Angi version");
			lead.putObject("nested").putArray("list").add(1).add("two");
		}));

		assertThat(answer.status()).isEqualTo(200);
		awaitAcceptedTo(PHONE, 1);
		assertThat(leads()).isEqualTo(1);
	}

	@Test
	void aLeadWithoutAUsablePhoneIsKeptForStaffAndNotTexted() {
		Http.Answer answer = postWithKey(sample("angi-lead.json", (lead) -> lead.put("primaryPhone", "call me")));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("status").asString()).isEqualTo("success");
		assertThat(submissions()).isEqualTo(1);
		assertThat(outcome("angi")).isEqualTo("no_phone");
		assertThat(leads()).isZero();
		assertThat(twilio.received()).isEmpty();
	}

	@Test
	void aLeadFromACountryTheBusinessDoesNotTextIsHeld() {
		Http.Answer answer = postWithKey(sample("angi-lead.json", (lead) -> lead.put("primaryPhone", "+447911123456")));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(outcome("angi")).isEqualTo("country_not_texted");
		assertThat(leads()).isZero();
		assertThat(twilio.received()).isEmpty();
	}

	@Test
	void aBodyThatIsNotJsonIsRefusedWith400AndStoresNothing() {
		Http.Answer answer = postWithKey("{\"leadOid\": 1, ");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(submissions()).isZero();
	}

	@Test
	void aBodyThatIsNotJsonByItsContentTypeIsRefusedWith415AndStoresNothing() {
		Http.Answer answer = this.http.postForm("/api/sources/angi", java.util.Map.of("leadOid", "1"), "x-api-key",
				ANGI_KEY);

		assertThat(answer.status()).isEqualTo(415);
		assertThat(submissions()).isZero();
	}

	@Test
	void anUnknownSourceIs404NamingTheConnectors() {
		Http.Answer answer = this.http.postJson("/api/sources/yelp", sample("angi-lead.json"), "x-api-key", ANGI_KEY);

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.body()).contains("angi, facebook, google-ads, thumbtack");
		assertThat(submissions()).isZero();
	}

	@Test
	void aNulByteInAnUnknownFieldIsRefusedWith400AndStoresNothing() {
		Http.Answer answer = postWithKey(sample("angi-lead.json", (lead) -> lead.put("extra", "a\u0000b")));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(submissions()).isZero();
		assertThat(leads()).isZero();
	}

}
