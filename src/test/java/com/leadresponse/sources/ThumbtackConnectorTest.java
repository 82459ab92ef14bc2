package com.leadresponse.sources;

import java.util.stream.IntStream;

import com.leadresponse.support.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Thumbtack connector (SPEC 9): HTTP Basic credentials chosen in the settings, the
 * negotiation ID as the lead's ID.
 */
class ThumbtackConnectorTest extends SourceTest {

	private static final String PHONE = "+14155550188";

	@BeforeEach
	void credentialsSet() {
		setSecrets("{\"thumbtackUsername\": \"" + THUMBTACK_USER + "\", \"thumbtackPassword\": \"" + THUMBTACK_PASSWORD
				+ "\"}");
	}

	private Http.Answer post(String body, String user, String password) {
		return this.http.postJson("/api/sources/thumbtack", body, "Authorization", Http.basic(user, password));
	}

	@Test
	void thumbtackSampleLeadIsCreatedAndTextedOnce() {
		Http.Answer answer = post(sample("thumbtack-negotiation.json"), THUMBTACK_USER, THUMBTACK_PASSWORD);

		assertThat(answer.status()).isEqualTo(200);
		awaitAcceptedTo(PHONE, 1);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(this.jdbc.sql("SELECT name || '|' || source FROM leads WHERE phone = :phone")
			.param("phone", PHONE)
			.query(String.class)
			.single()).isEqualTo("Olivia Y.|thumbtack");
		assertThat(
				this.jdbc.sql("SELECT external_id || '|' || description || '|' || answers::text FROM lead_submissions")
					.query(String.class)
					.single())
			.startsWith("519153480500518912|We want to redo the whole kitchen, cabinets included.|")
			.contains("Project scope")
			.contains("Full kitchen renovation");
	}

	@Test
	void fiveReplaysOfAThumbtackLeadChangeNothing() {
		assertThat(post(sample("thumbtack-negotiation.json"), THUMBTACK_USER, THUMBTACK_PASSWORD).status())
			.isEqualTo(200);
		awaitAcceptedTo(PHONE, 1);

		IntStream.range(0, 5)
			.forEach((i) -> assertThat(
					post(sample("thumbtack-negotiation.json"), THUMBTACK_USER, THUMBTACK_PASSWORD).status())
				.isEqualTo(200));
		awaitPipelineIdle();

		assertThat(submissions()).isEqualTo(1);
		assertThat(leads()).isEqualTo(1);
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void wrongOrMissingCredentialsAreRefusedWith401AndStoreNothing() {
		Http.Answer wrongPassword = post(sample("thumbtack-negotiation.json"), THUMBTACK_USER, "guess");
		Http.Answer wrongUser = post(sample("thumbtack-negotiation.json"), "admin", THUMBTACK_PASSWORD);
		Http.Answer missing = this.http.postJson("/api/sources/thumbtack", sample("thumbtack-negotiation.json"));

		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(wrongUser.status()).isEqualTo(401);
		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.header("WWW-Authenticate")).startsWith("Basic realm=\"thumbtack\"");
		assertThat(submissions()).isZero();
		assertThat(leads()).isZero();
		assertThat(lastRefusal("thumbtack")).isEqualTo("The request has no HTTP Basic credentials");
	}

	@Test
	void aStaffAccountsCredentialsAreNotThumbtacks() {
		Http.Answer answer = post(sample("thumbtack-negotiation.json"), ADMIN_EMAIL, ADMIN_PASSWORD);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(submissions()).isZero();
	}

	@Test
	void unknownExtraFieldsAreIgnoredAndAWrappedEventIsRead() {
		String wrapped = "{\"webhookID\": \"w-1\", \"eventType\": \"NegotiationCreatedV4\", \"somethingNew\": [1], "
				+ "\"data\": " + sample("thumbtack-negotiation.json", (n) -> n.put("unknownField", true)) + "}";

		assertThat(post(wrapped, THUMBTACK_USER, THUMBTACK_PASSWORD).status()).isEqualTo(200);
		awaitAcceptedTo(PHONE, 1);
		assertThat(leads()).isEqualTo(1);
	}

	@Test
	void aMessageThatArrivesBeforeItsLeadDoesNotTakeTheLeadsPlace() {
		String message = "{\"data\": {\"messageID\": \"8001\", \"negotiationID\": \"519153480500518912\", "
				+ "\"text\": \"Hi, are you available?\"}}";
		assertThat(post(message, THUMBTACK_USER, THUMBTACK_PASSWORD).status()).isEqualTo(200);

		assertThat(post(sample("thumbtack-negotiation.json"), THUMBTACK_USER, THUMBTACK_PASSWORD).status())
			.isEqualTo(200);

		awaitAcceptedTo(PHONE, 1);
		assertThat(submissions()).isEqualTo(2);
		assertThat(leads()).isEqualTo(1);
	}

	@Test
	void aLeadWithoutAPhoneIsKeptForStaffAndNotTexted() {
		String noPhone = sample("thumbtack-negotiation.json",
				(n) -> ((tools.jackson.databind.node.ObjectNode) n.get("customer")).remove("phone"));

		assertThat(post(noPhone, THUMBTACK_USER, THUMBTACK_PASSWORD).status()).isEqualTo(200);

		assertThat(outcome("thumbtack")).isEqualTo("no_phone");
		assertThat(leads()).isZero();
		assertThat(twilio.received()).isEmpty();
	}

}
