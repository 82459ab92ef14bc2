package com.leadresponse.calls;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TwilioStandIn;
import com.leadresponse.support.TwilioWebhookSigner;
import com.leadresponse.support.Twiml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The voice webhooks of SPEC 8 against the Twilio stand-in, signed as Twilio signs them:
 * the staff phones ring together, a missed caller hears the greeting and may leave a
 * voicemail that the recording callback stores, an answered caller's lead is contacted,
 * and bad requests store nothing.
 */
class VoiceWebhookTest extends IntegrationTest {

	static final String VOICE = "/api/webhooks/twilio/voice";

	static final String DIAL_STATUS = VOICE + "/dial-status";

	static final String RECORDING = VOICE + "/recording";

	static final String RECORDED = VOICE + "/recorded";

	private static final String CALLER = "+15125550134";

	private static final String OFFICE = "+15125550901";

	private static final String TRUCK = "+15125550902";

	private static final String CALL_SID = "CA" + "a1".repeat(16);

	private static final String RECORDING_SID = "RE" + "b2".repeat(16);

	@Autowired
	CallSimulator simulator;

	@Test
	void incomingCallRingsEveryStaffPhoneTogether() {
		staffPhones(OFFICE, TRUCK);

		Http.Answer answer = postSignedWebhook(VOICE, incomingCall(CALL_SID, CALLER));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("text/xml");
		Twiml twiml = Twiml.parse(answer.body());
		assertThat(twiml.verbs()).containsExactly("Dial");
		Element dial = twiml.verb("Dial");
		assertThat(dial.getAttribute("timeout")).isEqualTo("20");
		assertThat(dial.getAttribute("answerOnBridge")).isEqualTo("true");
		assertThat(dial.getAttribute("action")).isEqualTo(PUBLIC_URL + DIAL_STATUS);
		assertThat(Twiml.nouns(dial, "Number")).containsExactly(OFFICE, TRUCK);
		assertThat(callRow(CALL_SID)).containsEntry("status", "ringing")
			.containsEntry("from_phone", CALLER)
			.containsEntry("to_phone", TwilioStandIn.FROM);
	}

	@Test
	void ringTimeIsTheSetting() {
		staffPhones(OFFICE);
		this.jdbc.sql("UPDATE settings SET ring_seconds = 35").update();

		Http.Answer answer = postSignedWebhook(VOICE, incomingCall(CALL_SID, CALLER));

		assertThat(Twiml.parse(answer.body()).verb("Dial").getAttribute("timeout")).isEqualTo("35");
	}

	@Test
	void callerBecomesANewCallLeadWithoutAnInstantResponse() {
		staffPhones(OFFICE);

		postSignedWebhook(VOICE, incomingCall(CALL_SID, CALLER));

		Map<String, Object> lead = this.jdbc
			.sql("SELECT id, source, status, sequence_step, next_followup_at, sequence_expires_at FROM leads")
			.query()
			.singleRow();
		assertThat(lead).containsEntry("source", "call")
			.containsEntry("status", "new")
			.containsEntry("sequence_step", 0)
			.containsEntry("next_followup_at", null);
		assertThat(lead.get("sequence_expires_at")).isNotNull();
		assertThat(callRow(CALL_SID)).containsEntry("lead_id", lead.get("id"));
		this.clock.advance(Duration.ofMinutes(5));
		this.periodicPass.runOnce();
		awaitPipelineIdle();
		assertThat(count("SELECT count(*) FROM messages")).isZero();
		assertThat(twilio.received()).isEmpty();
	}

	@Test
	void callFromAnOpenLeadIsStoredOnThatLead() {
		UUID leadId = createLead("Maria Lopez", CALLER);
		awaitPipelineIdle();
		staffPhones(OFFICE);

		postSignedWebhook(VOICE, incomingCall(CALL_SID, CALLER));

		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(1);
		assertThat(callRow(CALL_SID)).containsEntry("lead_id", leadId);
	}

	@Test
	void callWithNoStaffPhoneToRingGoesStraightToVoicemail() {
		Http.Answer answer = postSignedWebhook(VOICE, incomingCall(CALL_SID, CALLER));

		Twiml twiml = Twiml.parse(answer.body());
		assertThat(twiml.verbs()).containsExactly("Say", "Record", "Hangup");
		assertThat(twiml.verb("Say").getTextContent())
			.isEqualTo("Thanks for calling Our team. Sorry we missed you. Please leave a message after the tone "
					+ "and we will call you back.");
		assertVoicemailRecord(twiml.verb("Record"));
		assertThat(callRow(CALL_SID)).containsEntry("status", "missed").containsEntry("missed_text_status", "pending");
	}

	@Test
	void unansweredCallsTwimlRecordsAVoicemailAndTheRecordingCallbackStoresIt() {
		staffPhones(OFFICE);
		postSignedWebhook(VOICE, incomingCall(CALL_SID, CALLER));
		this.clock.advance(Duration.ofSeconds(20));

		Http.Answer missed = postSignedWebhook(DIAL_STATUS, dialStatus(CALL_SID, CALLER, "no-answer", null));

		Twiml twiml = Twiml.parse(missed.body());
		assertThat(twiml.verbs()).containsExactly("Say", "Record", "Hangup");
		assertVoicemailRecord(twiml.verb("Record"));
		assertThat(callRow(CALL_SID)).containsEntry("status", "missed").containsEntry("dial_status", "no-answer");

		Http.Answer recorded = postSignedWebhook(RECORDING, recordingStatus(CALL_SID, RECORDING_SID, 42));

		assertThat(recorded.status()).isEqualTo(204);
		assertThat(callRow(CALL_SID)).containsEntry("recording_sid", RECORDING_SID)
			.containsEntry("recording_url",
					"https://api.twilio.com/2010-04-01/Accounts/" + TwilioStandIn.ACCOUNT_SID + "/Recordings/"
							+ RECORDING_SID)
			.containsEntry("recording_duration_seconds", 42);
	}

	@Test
	void recordActionEndsTheCall() {
		Http.Answer answer = postSignedWebhook(RECORDED, dialStatus(CALL_SID, CALLER, "no-answer", null));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(Twiml.parse(answer.body()).verbs()).containsExactly("Hangup");
	}

	@Test
	void voicemailOffHangsUpOnAMissedCaller() {
		staffPhones(OFFICE);
		this.jdbc.sql("UPDATE settings SET voicemail_enabled = false").update();
		postSignedWebhook(VOICE, incomingCall(CALL_SID, CALLER));

		Http.Answer missed = postSignedWebhook(DIAL_STATUS, dialStatus(CALL_SID, CALLER, "busy", null));

		assertThat(Twiml.parse(missed.body()).verbs()).containsExactly("Hangup");
		assertThat(callRow(CALL_SID)).containsEntry("status", "missed").containsEntry("missed_text_status", "pending");
	}

	@Test
	void answeredCallMakesTheLeadContactedWithItsSequencePaused() {
		staffPhones(OFFICE);
		postSignedWebhook(VOICE, incomingCall(CALL_SID, CALLER));
		this.clock.advance(Duration.ofMinutes(4));

		Http.Answer answered = postSignedWebhook(DIAL_STATUS, dialStatus(CALL_SID, CALLER, "completed", 180));

		assertThat(Twiml.parse(answered.body()).verbs()).containsExactly("Hangup");
		assertThat(callRow(CALL_SID)).containsEntry("status", "answered")
			.containsEntry("dial_status", "completed")
			.containsEntry("duration_seconds", 180)
			.containsEntry("missed_text_status", null);
		Map<String, Object> lead = this.jdbc
			.sql("SELECT status, sequence_step, sequence_paused_at IS NOT NULL AS paused, next_followup_at FROM leads")
			.query()
			.singleRow();
		assertThat(lead).containsEntry("status", "contacted")
			.containsEntry("sequence_step", 1)
			.containsEntry("paused", true);
		assertThat(((Timestamp) lead.get("next_followup_at")).toInstant())
			.isEqualTo(this.clock.instant().plus(Duration.ofDays(1)));
	}

	@Test
	void answeredCallPausesTheSequenceOfAnOpenLead() {
		UUID leadId = createLead("Maria Lopez", CALLER);
		awaitPipelineIdle();
		staffPhones(OFFICE);
		this.clock.advance(Duration.ofHours(2));
		postSignedWebhook(VOICE, incomingCall(CALL_SID, CALLER));

		postSignedWebhook(DIAL_STATUS, dialStatus(CALL_SID, CALLER, "answered", 60));

		JsonNode sequence = leadJson(leadId).get("sequence");
		assertThat(sequence.get("paused").asBoolean()).isTrue();
		assertThat(sequence.get("step").asInt()).isEqualTo(1);
	}

	@Test
	void callerWithoutCallerIdIsStoredWithoutALead() {
		Http.Answer answer = postSignedWebhook(VOICE, incomingCall(CALL_SID, "Anonymous"));

		assertThat(Twiml.parse(answer.body()).verbs()).containsExactly("Say", "Record", "Hangup");
		assertThat(callRow(CALL_SID)).containsEntry("lead_id", null)
			.containsEntry("from_phone", "Anonymous")
			.containsEntry("status", "missed")
			.containsEntry("missed_text_status", null);
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void missedCallAlertsTheStaffOnce() {
		this.jdbc.sql("UPDATE settings SET alert_phones = :phone").param("phone", OFFICE).update();
		staffPhones(TRUCK);
		postSignedWebhook(VOICE, incomingCall(CALL_SID, CALLER));

		postSignedWebhook(DIAL_STATUS, dialStatus(CALL_SID, CALLER, "no-answer", null));

		awaitAcceptedTo(OFFICE, 1);
		assertThat(twilio.receivedFor(OFFICE)).extracting(TwilioStandIn.Received::body)
			.containsExactly("Missed call from " + CALLER);
		assertThat(this.jdbc.sql("SELECT event FROM staff_alerts").query(String.class).list())
			.containsExactly("missed_call");
	}

	@Test
	void unsignedOrWronglySignedVoiceWebhooksAnswer403AndStoreNothing() {
		staffPhones(OFFICE);
		Map<String, Map<String, String>> webhooks = Map.of(VOICE, incomingCall(CALL_SID, CALLER), DIAL_STATUS,
				dialStatus(CALL_SID, CALLER, "no-answer", null), RECORDING,
				recordingStatus(CALL_SID, RECORDING_SID, 42), RECORDED,
				dialStatus(CALL_SID, CALLER, "no-answer", null));

		webhooks.forEach((path, params) -> {
			String signedForOtherParams = TwilioWebhookSigner.sign(TwilioStandIn.AUTH_TOKEN, PUBLIC_URL + path,
					incomingCall("CA" + "f".repeat(32), CALLER));
			assertThat(this.http.postForm(path, params).status()).as("unsigned " + path).isEqualTo(403);
			assertThat(this.http.postForm(path, params, "X-Twilio-Signature", signedForOtherParams).status())
				.as("wrongly signed " + path)
				.isEqualTo(403);
		});

		assertThat(count("SELECT count(*) FROM processed_webhooks")).isZero();
		assertThat(count("SELECT count(*) FROM calls")).isZero();
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void voiceWebhooksWithoutCallSidAre400AndStoreNothing() {
		for (String path : List.of(VOICE, DIAL_STATUS, RECORDING)) {
			Map<String, String> params = switch (path) {
				case VOICE -> incomingCall(CALL_SID, CALLER);
				case DIAL_STATUS -> dialStatus(CALL_SID, CALLER, "no-answer", null);
				default -> recordingStatus(CALL_SID, RECORDING_SID, 42);
			};
			params.remove("CallSid");

			Http.Answer answer = postSignedWebhook(path, params);

			assertThat(answer.status()).as(path).isEqualTo(400);
			assertThat(answer.body()).as(path).contains("Missing Twilio parameter CallSid");
		}
		assertThat(count("SELECT count(*) FROM processed_webhooks")).isZero();
		assertThat(count("SELECT count(*) FROM calls")).isZero();
	}

	@Test
	void dialStatusThatIsNotTwiliosIs400AndStoresNothing() {
		Http.Answer answer = postSignedWebhook(DIAL_STATUS, dialStatus(CALL_SID, CALLER, "ringing-forever", null));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.body()).contains("Unknown Twilio DialCallStatus");
		assertThat(count("SELECT count(*) FROM processed_webhooks")).isZero();
		assertThat(count("SELECT count(*) FROM calls")).isZero();
	}

	@Test
	void dialStatusOfACallNeverSeenIsStoredOnANewCallRecord() {
		Http.Answer answer = postSignedWebhook(DIAL_STATUS, dialStatus(CALL_SID, CALLER, "no-answer", null));

		assertThat(Twiml.parse(answer.body()).verbs()).containsExactly("Say", "Record", "Hangup");
		assertThat(callRow(CALL_SID)).containsEntry("status", "missed")
			.containsEntry("from_phone", CALLER)
			.containsEntry("missed_text_status", "pending");
		assertThat(this.jdbc.sql("SELECT source FROM leads WHERE phone = :phone")
			.param("phone", CALLER)
			.query(String.class)
			.single()).isEqualTo("call");
	}

	@Test
	void recordingOfACallNeverSeenIsStoredOnANewCallRecord() {
		Http.Answer answer = postSignedWebhook(RECORDING, recordingStatus(CALL_SID, RECORDING_SID, 17));

		assertThat(answer.status()).isEqualTo(204);
		assertThat(callRow(CALL_SID)).containsEntry("status", "missed")
			.containsEntry("lead_id", null)
			.containsEntry("recording_sid", RECORDING_SID)
			.containsEntry("recording_duration_seconds", 17);
	}

	@Test
	void leadJsonHasItsCallsWithTheirVoicemailAtTheServicesOwnAddress() {
		staffPhones(OFFICE);
		postSignedWebhook(VOICE, incomingCall(CALL_SID, CALLER));
		this.clock.advance(Duration.ofSeconds(20));
		postSignedWebhook(DIAL_STATUS, dialStatus(CALL_SID, CALLER, "no-answer", null));
		postSignedWebhook(RECORDING, recordingStatus(CALL_SID, RECORDING_SID, 42));
		UUID leadId = this.jdbc.sql("SELECT id FROM leads").query(UUID.class).single();
		UUID callId = this.jdbc.sql("SELECT id FROM calls").query(UUID.class).single();

		Http.Answer answer = this.http.get("/api/leads/" + leadId, "Authorization", staffAuth());

		JsonNode call = answer.json().get("calls").get(0);
		assertThat(call.get("callSid").asString()).isEqualTo(CALL_SID);
		assertThat(call.get("status").asString()).isEqualTo("missed");
		assertThat(call.get("dialStatus").asString()).isEqualTo("no-answer");
		assertThat(call.get("voicemail").get("durationSeconds").asInt()).isEqualTo(42);
		assertThat(call.get("voicemail").get("url").asString()).isEqualTo("/api/calls/" + callId + "/recording");
		assertThat(call.get("missedText").get("status").asString()).isEqualTo("pending");
		assertThat(call.get("missedText").get("dueAt").asString())
			.isEqualTo(this.clock.instant().plusSeconds(60).toString());
		assertThat(answer.body()).doesNotContain("twilio.com").doesNotContain(RECORDING_SID);
	}

	@Test
	void callsAreSimulatedOnlyWithoutTwilio() {
		assertThat(this.simulator.available()).isFalse();
		assertThatThrownBy(() -> this.simulator.simulate(CALLER, CallSimulator.Outcome.MISSED))
			.isInstanceOf(CallSimulationException.class);
		assertThat(count("SELECT count(*) FROM calls")).isZero();
	}

	private void staffPhones(String... phones) {
		this.jdbc.sql("UPDATE settings SET staff_phones = :phones").param("phones", String.join(",", phones)).update();
	}

	private static void assertVoicemailRecord(Element record) {
		assertThat(record.getAttribute("maxLength")).isEqualTo("120");
		assertThat(record.getAttribute("playBeep")).isEqualTo("true");
		assertThat(record.getAttribute("recordingStatusCallback")).isEqualTo(PUBLIC_URL + RECORDING);
		assertThat(record.getAttribute("action")).isEqualTo(PUBLIC_URL + RECORDED);
	}

	private Map<String, Object> callRow(String callSid) {
		return this.jdbc.sql("SELECT * FROM calls WHERE call_sid = :sid").param("sid", callSid).query().singleRow();
	}

	private JsonNode leadJson(UUID leadId) {
		return this.http.get("/api/leads/" + leadId, "Authorization", staffAuth()).json();
	}

}
