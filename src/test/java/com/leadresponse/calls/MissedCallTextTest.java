package com.leadresponse.calls;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.SecondInstance;
import com.leadresponse.support.TwilioStandIn;
import com.leadresponse.support.TwilioWebhookSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The missed-call text of SPEC 8 against the Twilio stand-in, with signed webhooks and
 * the settable clock: once, at the end of the grace delay; not when someone reached the
 * caller first or the caller texted; at most once per number per window, across
 * instances; an automatic text under the rate limits and consent; the first step of a
 * caller's new lead.
 */
class MissedCallTextTest extends IntegrationTest {

	private static final String CALLER = "+15125550134";

	private static final String OFFICE = "+15125550901";

	private static final String FIRST_CALL = "CA" + "1".repeat(32);

	private static final String SECOND_CALL = "CA" + "2".repeat(32);

	private static final String TEXT = "Sorry we missed your call, this is Our team. How can we help?";

	private static final Duration RING = Duration.ofSeconds(20);

	private static final Duration GRACE = Duration.ofSeconds(60);

	@BeforeEach
	void staffPhone() {
		this.jdbc.sql("UPDATE settings SET staff_phones = :phone").param("phone", OFFICE).update();
	}

	@Test
	void missedCallTextsOnceAfterTheGraceDelayAndNotBefore() {
		Instant missedAt = missCall(FIRST_CALL);
		assertThat(this.jdbc.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = 'missed-call-text'")
			.query(Timestamp.class)
			.single()
			.toInstant()).isEqualTo(missedAt.plus(GRACE));

		this.clock.set(missedAt.plus(GRACE).minusSeconds(2));
		runDueBackgroundTasks();
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(3))
			.until(() -> twilio.receivedFor(CALLER).isEmpty());
		assertThat(textStatus(FIRST_CALL)).isEqualTo("pending");

		this.clock.set(missedAt.plus(GRACE));
		runDueBackgroundTasks();

		awaitAcceptedTo(CALLER, 1);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(CALLER)).singleElement().extracting(TwilioStandIn.Received::body).isEqualTo(TEXT);
		Map<String, Object> message = this.jdbc
			.sql("SELECT m.id, m.status, m.sent_by_id, m.created_at FROM messages m JOIN calls c"
					+ " ON c.missed_text_message_id = m.id")
			.query()
			.singleRow();
		assertThat(message).containsEntry("status", "sent").containsEntry("sent_by_id", null);
		assertThat(((Timestamp) message.get("created_at")).toInstant()).isEqualTo(missedAt.plus(GRACE));
		assertThat(textStatus(FIRST_CALL)).isEqualTo("queued");

		this.clock.advance(Duration.ofMinutes(10));
		runDueBackgroundTasks();
		this.periodicPass.runOnce();
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(CALLER)).hasSize(1);
	}

	@Test
	void missedCallTextHeldByTheHourlyCapGoesInTheNextHourOnce() {
		this.jdbc.sql("UPDATE settings SET outbound_hourly_cap = 1").update();
		createLead("Other Lead", "+15125550177");
		awaitAcceptedTo("+15125550177", 1);

		Instant missedAt = missCall(FIRST_CALL);
		this.clock.set(missedAt.plus(GRACE));
		runDueBackgroundTasks();

		Instant hourStart = missedAt.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc
				.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = 'missed-call-text' AND NOT picked")
				.query(Timestamp.class)
				.optional()
				.filter((at) -> at.toInstant().isAfter(missedAt.plus(GRACE)))
				.isPresent());
		Instant nextHour = this.jdbc
			.sql("SELECT execution_time FROM scheduled_tasks WHERE task_name = 'missed-call-text'")
			.query(Timestamp.class)
			.single()
			.toInstant();
		assertThat(nextHour).isEqualTo(hourStart.plus(Duration.ofHours(1)));
		assertThat(textStatus(FIRST_CALL)).isEqualTo("pending");
		assertThat(this.jdbc.sql("SELECT count(*) FROM missed_call_texts").query(Integer.class).single()).isZero();
		assertThat(twilio.receivedFor(CALLER)).isEmpty();

		this.clock.set(nextHour);
		runDueBackgroundTasks();
		awaitAcceptedTo(CALLER, 1);
		awaitPipelineIdle();
		assertThat(textStatus(FIRST_CALL)).isEqualTo("queued");
		assertThat(twilio.receivedFor(CALLER)).singleElement().extracting(TwilioStandIn.Received::body).isEqualTo(TEXT);
	}

	@Test
	void secondMissedCallWithinTheWindowTextsNothing() {
		textedAfterMissedCall(FIRST_CALL);
		this.clock.advance(Duration.ofHours(3));

		missCall(SECOND_CALL);
		decideText(SECOND_CALL);

		assertThat(textStatus(SECOND_CALL)).isEqualTo("cancelled");
		assertThat(textReason(SECOND_CALL)).isEqualTo("Already texted within 24 hours");
		assertThat(twilio.receivedFor(CALLER)).hasSize(1);
	}

	@Test
	void missedCallAfterTheWindowIsTextedAgain() {
		textedAfterMissedCall(FIRST_CALL);
		this.clock.advance(Duration.ofHours(25));

		missCall(SECOND_CALL);
		decideText(SECOND_CALL);

		assertThat(textStatus(SECOND_CALL)).isEqualTo("queued");
		awaitAcceptedTo(CALLER, 2);
		assertThat(twilio.receivedFor(CALLER)).extracting(TwilioStandIn.Received::body).containsExactly(TEXT, TEXT);
	}

	@Test
	void newLeadOfANumberTextedWithinTheWindowGoesOnWithItsSequence() {
		textedAfterMissedCall(FIRST_CALL);
		this.http.postJson("/api/leads/" + leadOf(CALLER) + "/status", "{\"status\": \"lost\"}", "Authorization",
				staffAuth());
		this.clock.advance(Duration.ofHours(2));

		missCall(SECOND_CALL);
		Instant decidedAt = decideText(SECOND_CALL);

		assertThat(textReason(SECOND_CALL)).isEqualTo("Already texted within 24 hours");
		Map<String, Object> newLead = this.jdbc
			.sql("SELECT sequence_step, next_followup_at FROM leads WHERE status = 'new' AND phone = :phone")
			.param("phone", CALLER)
			.query()
			.singleRow();
		assertThat(newLead).containsEntry("sequence_step", 1);
		assertThat(((Timestamp) newLead.get("next_followup_at")).toInstant())
			.isEqualTo(decidedAt.plus(Duration.ofDays(1)));
	}

	@Test
	void staffTextingWithinTheDelayCancelsTheText() {
		missCall(FIRST_CALL);
		UUID leadId = leadOf(CALLER);
		this.clock.advance(Duration.ofSeconds(30));
		Http.Answer sent = this.http.postJson("/api/leads/" + leadId + "/messages",
				"{\"body\": \"Sorry we missed you, calling you right back\"}", "Authorization", staffAuth());
		assertThat(sent.status()).isEqualTo(202);
		awaitAcceptedTo(CALLER, 1);

		decideText(FIRST_CALL);

		assertThat(textStatus(FIRST_CALL)).isEqualTo("cancelled");
		assertThat(textReason(FIRST_CALL)).isEqualTo("Staff texted the caller");
		assertThat(twilio.receivedFor(CALLER)).extracting(TwilioStandIn.Received::body)
			.containsExactly("Sorry we missed you, calling you right back");
		assertThat(this.jdbc.sql("SELECT sequence_step = 1 AND sequence_paused_at IS NOT NULL FROM leads")
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void answeredCallWithinTheDelayCancelsTheText() {
		missCall(FIRST_CALL);
		this.clock.advance(Duration.ofSeconds(10));
		postSignedWebhook(VoiceWebhookTest.VOICE, incomingCall(SECOND_CALL, CALLER));
		this.clock.advance(Duration.ofSeconds(25));
		postSignedWebhook(VoiceWebhookTest.DIAL_STATUS, dialStatus(SECOND_CALL, CALLER, "completed", 15));

		decideText(FIRST_CALL);

		assertThat(textStatus(FIRST_CALL)).isEqualTo("cancelled");
		assertThat(textReason(FIRST_CALL)).isEqualTo("The caller was reached by phone");
		assertThat(twilio.receivedFor(CALLER)).isEmpty();
	}

	@Test
	void callerWhoTextsInFirstCancelsTheText() {
		missCall(FIRST_CALL);
		this.clock.advance(Duration.ofSeconds(20));
		postSignedWebhook("/api/webhooks/twilio",
				inboundSms("SM" + "c".repeat(32), CALLER, "Just called, need a bore"));

		decideText(FIRST_CALL);

		assertThat(textStatus(FIRST_CALL)).isEqualTo("cancelled");
		assertThat(textReason(FIRST_CALL)).isEqualTo("The caller texted in");
		assertThat(twilio.receivedFor(CALLER)).isEmpty();
	}

	@Test
	void optedOutCallerGetsNothing() {
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "d".repeat(32), CALLER, "STOP"));
		this.clock.advance(Duration.ofHours(1));

		missCall(FIRST_CALL);
		decideText(FIRST_CALL);

		assertThat(textStatus(FIRST_CALL)).isEqualTo("blocked");
		assertThat(textReason(FIRST_CALL)).isEqualTo("Recipient opted out");
		assertThat(this.jdbc
			.sql("SELECT m.status, m.error_message FROM messages m JOIN calls c"
					+ " ON c.missed_text_message_id = m.id")
			.query()
			.singleRow()).containsEntry("status", "blocked").containsEntry("error_message", "Recipient opted out");
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(CALLER)).isEmpty();
	}

	@Test
	void missedCallTextIsCountedByTheRateLimits() {
		this.jdbc.sql("UPDATE settings SET daily_sms_limit = 1").update();
		createLead("Maria Lopez", CALLER);
		awaitAcceptedTo(CALLER, 1);
		this.clock.advance(Duration.ofMinutes(10));

		missCall(FIRST_CALL);
		decideText(FIRST_CALL);

		assertThat(textStatus(FIRST_CALL)).isEqualTo("blocked");
		assertThat(textReason(FIRST_CALL)).isEqualTo("Rate limit exceeded: Daily limit reached (1 per day)");
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(CALLER)).hasSize(1);
	}

	@Test
	void missedCallTextIsTheFirstStepOfACallersNewLead() {
		Instant textedAt = textedAfterMissedCall(FIRST_CALL);

		Map<String, Object> lead = this.jdbc.sql("SELECT sequence_step, next_followup_at FROM leads")
			.query()
			.singleRow();
		assertThat(lead).containsEntry("sequence_step", 1);
		assertThat(((Timestamp) lead.get("next_followup_at")).toInstant()).isEqualTo(textedAt.plus(Duration.ofDays(1)));
		assertThat(this.jdbc.sql("SELECT sequence_step FROM messages").query(Integer.class).single()).isEqualTo(1);

		this.clock.set(textedAt.plus(Duration.ofDays(1)));
		this.periodicPass.runOnce();

		awaitAcceptedTo(CALLER, 2);
		assertThat(twilio.receivedFor(CALLER)).extracting(TwilioStandIn.Received::body)
			.containsExactly(TEXT, "Hi " + CALLER + ", following up from Our team. When is a good time to talk?");
	}

	@Test
	void missedCallTextDoesNotRestartAnOpenLeadsSequence() {
		UUID leadId = createLead("Maria Lopez", CALLER);
		awaitAcceptedTo(CALLER, 1);
		Instant followUpAt = this.clock.instant().plus(Duration.ofDays(1));
		this.clock.advance(Duration.ofMinutes(10));

		missCall(FIRST_CALL);
		decideText(FIRST_CALL);

		awaitAcceptedTo(CALLER, 2);
		assertThat(twilio.receivedFor(CALLER).get(1).body()).isEqualTo(TEXT);
		Map<String, Object> lead = this.jdbc.sql("SELECT sequence_step, next_followup_at FROM leads WHERE id = :id")
			.param("id", leadId)
			.query()
			.singleRow();
		assertThat(lead).containsEntry("sequence_step", 1);
		assertThat(((Timestamp) lead.get("next_followup_at")).toInstant()).isEqualTo(followUpAt);
		assertThat(
				this.jdbc.sql("SELECT m.sequence_step FROM messages m JOIN calls c ON c.missed_text_message_id = m.id")
					.query(Integer.class)
					.optional())
			.isEmpty();
	}

	@Test
	void textWaitsWhileTheCallerIsOnTheLineAgain() {
		Instant missedAt = missCall(FIRST_CALL);
		this.clock.advance(Duration.ofSeconds(30));
		postSignedWebhook(VoiceWebhookTest.VOICE, incomingCall(SECOND_CALL, CALLER));

		this.clock.set(missedAt.plus(GRACE));
		runDueBackgroundTasks();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("SELECT missed_text_due_at FROM calls WHERE call_sid = :sid")
				.param("sid", FIRST_CALL)
				.query(Timestamp.class)
				.single()
				.toInstant()
				.equals(missedAt.plus(GRACE).plus(MissedCallText.ON_THE_LINE_RECHECK)));
		assertThat(textStatus(FIRST_CALL)).isEqualTo("pending");
		assertThat(twilio.receivedFor(CALLER)).isEmpty();

		this.clock.advance(Duration.ofSeconds(20));
		postSignedWebhook(VoiceWebhookTest.DIAL_STATUS, dialStatus(SECOND_CALL, CALLER, "completed", 40));
		decideText(FIRST_CALL);

		assertThat(textReason(FIRST_CALL)).isEqualTo("The caller was reached by phone");
		assertThat(twilio.receivedFor(CALLER)).isEmpty();
	}

	@Test
	void missedCallTextGoesDuringQuietHoursByDefault() {
		// 22:30 in Austin, inside quiet hours (21:00 to 08:00).
		this.clock.set(Instant.parse("2026-03-04T04:30:00Z"));

		missCall(FIRST_CALL);
		decideText(FIRST_CALL);

		assertThat(textStatus(FIRST_CALL)).isEqualTo("queued");
		awaitAcceptedTo(CALLER, 1);
	}

	@Test
	void missedCallTextWaitsForQuietHoursToEndWhenTheSettingsSaySo() {
		this.jdbc.sql("UPDATE settings SET quiet_hours_apply_to_missed_call = true").update();
		this.clock.set(Instant.parse("2026-03-04T04:30:00Z"));
		Instant quietEnd = Instant.parse("2026-03-04T14:00:00Z");

		Instant missedAt = missCall(FIRST_CALL);
		this.clock.set(missedAt.plus(GRACE));
		runDueBackgroundTasks();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("SELECT missed_text_due_at FROM calls WHERE call_sid = :sid")
				.param("sid", FIRST_CALL)
				.query(Timestamp.class)
				.single()
				.toInstant()
				.equals(quietEnd));
		assertThat(twilio.receivedFor(CALLER)).isEmpty();

		this.clock.set(quietEnd);
		runDueBackgroundTasks();

		awaitAcceptedTo(CALLER, 1);
		assertThat(textStatus(FIRST_CALL)).isEqualTo("queued");
	}

	@Test
	void missedCallerWhoseNumberCannotGetTextsIsNotTexted() {
		String londonLandline = "+442079460018";
		postSignedWebhook(VoiceWebhookTest.VOICE, incomingCall(FIRST_CALL, londonLandline));
		this.clock.advance(RING);
		postSignedWebhook(VoiceWebhookTest.DIAL_STATUS, dialStatus(FIRST_CALL, londonLandline, "no-answer", null));

		decideText(FIRST_CALL);

		assertThat(textReason(FIRST_CALL)).isEqualTo("The caller's number cannot get texts");
		assertThat(twilio.receivedFor(londonLandline)).isEmpty();
	}

	@Test
	void textOfALeadClosedMeanwhileIsCancelled() {
		missCall(FIRST_CALL);
		Http.Answer closed = this.http.postJson("/api/leads/" + leadOf(CALLER) + "/status",
				"{\"status\": \"won\", \"reason\": \"Booked on the phone\"}", "Authorization", staffAuth());
		assertThat(closed.status()).isEqualTo(200);

		decideText(FIRST_CALL);

		assertThat(textReason(FIRST_CALL)).isEqualTo("Lead closed");
		assertThat(twilio.receivedFor(CALLER)).isEmpty();
	}

	@Test
	void missedCallsRacingOnTwoInstancesTextTheCallerOnce() {
		SecondInstance second = secondInstance();
		this.jdbc.sql("UPDATE settings SET staff_phones = NULL").update();
		Http[] instances = { this.http, second.http() };
		List<String> sids = List.of("CA" + "a".repeat(32), "CA" + "b".repeat(32), "CA" + "c".repeat(32),
				"CA" + "d".repeat(32), "CA" + "e".repeat(32), "CA" + "f".repeat(32), "CA" + "0".repeat(32),
				"CA" + "3".repeat(32));

		// With no staff phone to ring, each call is missed as it arrives.
		List<Http.Answer> answers = Concurrently.run(sids.size(),
				(i) -> postSigned(instances[i % 2], VoiceWebhookTest.VOICE, incomingCall(sids.get(i), CALLER)));
		assertThat(answers).extracting(Http.Answer::status).containsOnly(200);
		assertThat(count("SELECT count(*) FROM calls WHERE missed_text_status = 'pending'")).isEqualTo(sids.size());

		this.clock.advance(GRACE);
		runDueBackgroundTasks();

		await().atMost(Duration.ofSeconds(20))
			.until(() -> count("SELECT count(*) FROM calls WHERE missed_text_status = 'pending'") == 0);
		assertThat(count("SELECT count(*) FROM calls WHERE missed_text_status = 'queued'")).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT DISTINCT missed_text_reason FROM calls WHERE missed_text_status = 'cancelled'")
			.query(String.class)
			.list()).containsExactly("Already texted within 24 hours");
		awaitAcceptedTo(CALLER, 1);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(CALLER)).hasSize(1);
	}

	/**
	 * A call that rang the staff phone for {@link #RING} unanswered; answers the miss.
	 */
	private Instant missCall(String callSid) {
		postSignedWebhook(VoiceWebhookTest.VOICE, incomingCall(callSid, CALLER));
		this.clock.advance(RING);
		Http.Answer missed = postSignedWebhook(VoiceWebhookTest.DIAL_STATUS,
				dialStatus(callSid, CALLER, "no-answer", null));
		assertThat(missed.status()).isEqualTo(200);
		return this.clock.instant();
	}

	/** A missed call whose text went out; answers when it was queued. */
	private Instant textedAfterMissedCall(String callSid) {
		missCall(callSid);
		int textsBefore = twilio.receivedFor(CALLER).size();
		Instant textedAt = decideText(callSid);
		awaitAcceptedTo(CALLER, textsBefore + 1);
		awaitPipelineIdle();
		assertThat(textStatus(callSid)).isEqualTo("queued");
		return textedAt;
	}

	/**
	 * Moves the clock to the end of the call's grace delay and waits until its text is
	 * decided; answers that moment.
	 */
	private Instant decideText(String callSid) {
		Instant due = this.jdbc.sql("SELECT missed_text_due_at FROM calls WHERE call_sid = :sid")
			.param("sid", callSid)
			.query(Timestamp.class)
			.single()
			.toInstant();
		if (this.clock.instant().isBefore(due)) {
			this.clock.set(due);
		}
		runDueBackgroundTasks();
		await().atMost(Duration.ofSeconds(10)).until(() -> !"pending".equals(textStatus(callSid)));
		return due;
	}

	private String textStatus(String callSid) {
		return this.jdbc.sql("SELECT missed_text_status FROM calls WHERE call_sid = :sid")
			.param("sid", callSid)
			.query(String.class)
			.single();
	}

	private String textReason(String callSid) {
		return this.jdbc.sql("SELECT missed_text_reason FROM calls WHERE call_sid = :sid")
			.param("sid", callSid)
			.query(String.class)
			.single();
	}

	private UUID leadOf(String phone) {
		return this.jdbc.sql("SELECT id FROM leads WHERE phone = :phone")
			.param("phone", phone)
			.query(UUID.class)
			.single();
	}

	private static Http.Answer postSigned(Http instance, String path, Map<String, String> params) {
		String signature = TwilioWebhookSigner.sign(TwilioStandIn.AUTH_TOKEN, PUBLIC_URL + path, params);
		return instance.postForm(path, params, "X-Twilio-Signature", signature);
	}

}
