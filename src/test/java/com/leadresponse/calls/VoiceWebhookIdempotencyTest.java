package com.leadresponse.calls;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.Prometheus;
import com.leadresponse.support.TwilioStandIn;
import com.leadresponse.support.TwilioWebhookSigner;
import com.leadresponse.support.Twiml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.leadresponse.support.Prometheus.label;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The voice webhooks are exactly-once like the SMS webhooks (SPEC 8, 5.4): 20 copies of
 * each, released together over two instances, have one effect, and every copy is answered
 * as the call stands.
 */
class VoiceWebhookIdempotencyTest extends IntegrationTest {

	private static final String CALLER = "+15125550134";

	private static final String OFFICE = "+15125550901";

	private static final String ALERTS = "+15125550909";

	private static final String CALL_SID = "CA" + "9e".repeat(16);

	private static final String RECORDING_SID = "RE" + "7c".repeat(16);

	private static final int COPIES = 20;

	private Http[] instances;

	@BeforeEach
	void twoInstances() {
		this.jdbc.sql("UPDATE settings SET staff_phones = :staff, alert_phones = :alerts")
			.param("staff", OFFICE)
			.param("alerts", ALERTS)
			.update();
		this.instances = new Http[] { this.http, secondInstance().http() };
	}

	@Test
	void twentyCopiesOfTheVoiceWebhookOverTwoInstancesHaveOneEffect() {
		double deduplicatedBefore = deduplicated("twilio_voice");

		List<Http.Answer> answers = copies(VoiceWebhookTest.VOICE, incomingCall(CALL_SID, CALLER));

		assertThat(answers).extracting(Http.Answer::status).containsOnly(200);
		assertThat(answers).extracting((a) -> Twiml.nouns(Twiml.parse(a.body()).verb("Dial"), "Number"))
			.containsOnly(List.of(OFFICE));
		assertThat(count("SELECT count(*) FROM calls")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT webhook_type FROM processed_webhooks WHERE webhook_id = :sid")
			.param("sid", CALL_SID)
			.query(String.class)
			.list()).containsExactly("twilio_voice");
		assertThat(deduplicated("twilio_voice") - deduplicatedBefore).isEqualTo(COPIES - 1);
	}

	@Test
	void twentyCopiesOfTheDialStatusOverTwoInstancesHaveOneEffect() {
		postSignedWebhook(VoiceWebhookTest.VOICE, incomingCall(CALL_SID, CALLER));
		this.clock.advance(Duration.ofSeconds(20));
		double deduplicatedBefore = deduplicated("twilio_dial");

		List<Http.Answer> answers = copies(VoiceWebhookTest.DIAL_STATUS,
				dialStatus(CALL_SID, CALLER, "no-answer", null));

		assertThat(answers).extracting(Http.Answer::status).containsOnly(200);
		assertThat(answers).extracting((a) -> Twiml.parse(a.body()).verbs())
			.containsOnly(List.of("Say", "Record", "Hangup"));
		assertThat(count("SELECT count(*) FROM calls WHERE status = 'missed' AND missed_text_status = 'pending'"))
			.isEqualTo(1);
		assertThat(count("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'missed-call-text'")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM staff_alerts WHERE event = 'missed_call'")).isEqualTo(1);
		assertThat(this.jdbc.sql("SELECT webhook_id FROM processed_webhooks WHERE webhook_type = 'twilio_dial'")
			.query(String.class)
			.list()).containsExactly(CALL_SID + ":no-answer");
		assertThat(deduplicated("twilio_dial") - deduplicatedBefore).isEqualTo(COPIES - 1);

		this.clock.advance(Duration.ofSeconds(60));
		runDueBackgroundTasks();
		awaitAcceptedTo(CALLER, 1);
		awaitAcceptedTo(ALERTS, 1);
		awaitPipelineIdle();
		assertThat(twilio.receivedFor(CALLER)).hasSize(1);
		assertThat(twilio.receivedFor(ALERTS)).hasSize(1);
	}

	@Test
	void twentyCopiesOfTheRecordingCallbackOverTwoInstancesHaveOneEffect() {
		postSignedWebhook(VoiceWebhookTest.VOICE, incomingCall(CALL_SID, CALLER));
		postSignedWebhook(VoiceWebhookTest.DIAL_STATUS, dialStatus(CALL_SID, CALLER, "no-answer", null));
		double deduplicatedBefore = deduplicated("twilio_recording");

		List<Http.Answer> answers = copies(VoiceWebhookTest.RECORDING, recordingStatus(CALL_SID, RECORDING_SID, 42));

		assertThat(answers).extracting(Http.Answer::status).containsOnly(204);
		assertThat(this.jdbc.sql("SELECT recording_sid, recording_duration_seconds FROM calls").query().singleRow())
			.containsEntry("recording_sid", RECORDING_SID)
			.containsEntry("recording_duration_seconds", 42);
		assertThat(this.jdbc.sql("SELECT webhook_type FROM processed_webhooks WHERE webhook_id = :sid")
			.param("sid", RECORDING_SID)
			.query(String.class)
			.list()).containsExactly("twilio_recording");
		assertThat(deduplicated("twilio_recording") - deduplicatedBefore).isEqualTo(COPIES - 1);
	}

	private List<Http.Answer> copies(String path, Map<String, String> params) {
		String signature = TwilioWebhookSigner.sign(TwilioStandIn.AUTH_TOKEN, PUBLIC_URL + path, params);
		return Concurrently.run(COPIES,
				(i) -> this.instances[i % 2].postForm(path, params, "X-Twilio-Signature", signature));
	}

	private double deduplicated(String type) {
		return Prometheus.value(this.instances[0], "webhooks_deduplicated_total", label("type", type))
				+ Prometheus.value(this.instances[1], "webhooks_deduplicated_total", label("type", type));
	}

}
