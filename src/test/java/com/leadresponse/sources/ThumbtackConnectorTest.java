package com.leadresponse.sources;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.StaffSession;
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
				+ "\"from\": \"Customer\", \"text\": \"Hi, are you available?\"}}";
		assertThat(post(message, THUMBTACK_USER, THUMBTACK_PASSWORD).status()).isEqualTo(200);

		assertThat(post(sample("thumbtack-negotiation.json"), THUMBTACK_USER, THUMBTACK_PASSWORD).status())
			.isEqualTo(200);

		awaitAcceptedTo(PHONE, 1);
		assertThat(submissions()).isEqualTo(2);
		assertThat(leads()).isEqualTo(1);
		// Thumbtack: what comes before its lead is the lead's description or the
		// automatic
		// quick reply; it is kept, not put into the conversation.
		assertThat(
				count("SELECT count(*) FROM lead_submissions WHERE external_id = 'message:8001' AND lead_id IS NULL"))
			.isEqualTo(1);
		assertThat(inboundMessages()).isEmpty();
	}

	/** The documented message, as the Messages webhook posts it (wrapped in "data"). */
	private static String message(String messageId, String from, String text) {
		return "{\"data\": " + sample("thumbtack-message.json", (m) -> {
			m.put("messageID", messageId);
			m.put("from", from);
			m.put("text", text);
		}) + "}";
	}

	/** The Thumbtack lead, texted its instant response. */
	private UUID negotiationTexted() {
		assertThat(post(sample("thumbtack-negotiation.json"), THUMBTACK_USER, THUMBTACK_PASSWORD).status())
			.isEqualTo(200);
		awaitAcceptedTo(PHONE, 1);
		awaitPipelineIdle();
		return this.jdbc.sql("SELECT id FROM leads").query(UUID.class).single();
	}

	private List<Map<String, Object>> inboundMessages() {
		return this.jdbc
			.sql("SELECT lead_id, body, channel, from_phone, provider_sid FROM messages "
					+ "WHERE direction = 'inbound'")
			.query()
			.listOfRows();
	}

	@Test
	void aCustomersMessageOnThumbtackJoinsItsLeadsConversationAsAReply() {
		UUID leadId = negotiationTexted();

		Http.Answer answer = post("{\"data\": " + sample("thumbtack-message.json") + "}", THUMBTACK_USER,
				THUMBTACK_PASSWORD);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(inboundMessages()).singleElement()
			.satisfies((m) -> assertThat(m).containsEntry("lead_id", leadId)
				.containsEntry("body", "Are you available on my date?")
				.containsEntry("channel", "thumbtack")
				.containsEntry("from_phone", PHONE)
				.containsEntry("provider_sid", null));
		Map<String, Object> lead = this.jdbc
			.sql("SELECT status, next_followup_at, sequence_ended_reason FROM leads WHERE id = :id")
			.param("id", leadId)
			.query()
			.singleRow();
		assertThat(lead).containsEntry("status", "replied")
			.containsEntry("next_followup_at", null)
			.containsEntry("sequence_ended_reason", "Lead replied");
		assertThat(this.jdbc.sql(
				"SELECT outcome || '|' || lead_id FROM lead_submissions WHERE external_id = 'message:519153481515696128'")
			.query(String.class)
			.single()).isEqualTo("attached|" + leadId);
		assertThat(StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD).get("/leads/" + leadId).body())
			.contains("Are you available on my date?")
			.contains("Received on Thumbtack");
		var messages = this.http.get("/api/leads/" + leadId, "Authorization", staffAuth()).json().get("messages");
		assertThat(messages.valueStream()
			.filter((m) -> "inbound".equals(m.get("direction").asString()))
			.map((m) -> m.get("channel").asString())
			.toList()).containsExactly("thumbtack");
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void aReplayedMessageOnTwoInstancesAtOnceIsInTheConversationOnce() {
		UUID leadId = negotiationTexted();
		Http second = secondInstance().http();
		String message = message("8002", "Customer", "Tuesday works for us");

		List<Integer> statuses = Concurrently.run(4,
				(i) -> ((i % 2 == 0) ? this.http : second)
					.postJson("/api/sources/thumbtack", message, "Authorization",
							Http.basic(THUMBTACK_USER, THUMBTACK_PASSWORD))
					.status());

		assertThat(statuses).containsOnly(200);
		assertThat(inboundMessages()).singleElement()
			.satisfies((m) -> assertThat(m).containsEntry("lead_id", leadId)
				.containsEntry("body", "Tuesday works for us"));
		assertThat(count("SELECT count(*) FROM lead_submissions WHERE external_id = 'message:8002'")).isEqualTo(1);
	}

	@Test
	void theProsOwnMessageIsKeptButIsNoReplyOfTheLead() {
		UUID leadId = negotiationTexted();

		assertThat(post(message("8003", "Pro", "Thanks, we will call you today"), THUMBTACK_USER, THUMBTACK_PASSWORD)
			.status()).isEqualTo(200);

		assertThat(inboundMessages()).isEmpty();
		assertThat(this.jdbc.sql("SELECT status FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(String.class)
			.single()).isEqualTo("contacted");
		assertThat(
				count("SELECT count(*) FROM lead_submissions WHERE external_id = 'message:8003' AND lead_id IS NULL"))
			.isEqualTo(1);
	}

	@Test
	void aCustomersAttachmentOnlyMessageSaysSoInTheConversation() {
		negotiationTexted();
		String attachment = "{\"data\": " + sample("thumbtack-message.json", (m) -> {
			m.put("messageID", "8004");
			m.put("text", "");
			m.putArray("attachments").addObject().put("fileName", "yard.jpg");
		}) + "}";

		assertThat(post(attachment, THUMBTACK_USER, THUMBTACK_PASSWORD).status()).isEqualTo(200);

		assertThat(inboundMessages()).singleElement()
			.satisfies((m) -> assertThat(m).containsEntry("body", "(sent an attachment on Thumbtack)"));
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
