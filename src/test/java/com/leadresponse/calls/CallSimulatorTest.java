package com.leadresponse.calls;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import com.leadresponse.support.SimulatorIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Simulator mode's calls (SPEC 2, 8): missed, answered, or with a voicemail, made through
 * the voice webhooks' own code, so the feature can be tried without Twilio; the missed
 * caller is texted by the SMS simulator and the voicemail plays.
 */
class CallSimulatorTest extends SimulatorIntegrationTest {

	private static final String CALLER = "+15125550134";

	@Autowired
	CallSimulator simulator;

	@Test
	void simulatedMissedCallIsTextedByTheSimulatorAfterTheGraceDelay() {
		CallSimulator.SimulatedCall call = this.simulator.simulate(CALLER, CallSimulator.Outcome.MISSED);

		assertThat(call.status()).isEqualTo(CallStatus.MISSED);
		assertThat(call.voicemail()).isFalse();
		assertThat(this.jdbc.sql("SELECT source FROM leads WHERE id = :id")
			.param("id", call.leadId())
			.query(String.class)
			.single()).isEqualTo("call");

		this.clock.advance(Duration.ofSeconds(60));
		runDueBackgroundTasks();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> count(
					"SELECT count(*) FROM messages WHERE status = 'sent' AND from_phone = 'Simulator'") == 1);
		assertThat(this.jdbc.sql("SELECT body FROM messages").query(String.class).single())
			.isEqualTo("Sorry we missed your call, this is Our team. How can we help?");
	}

	@Test
	void simulatedVoicemailIsStoredAndPlays() {
		CallSimulator.SimulatedCall call = this.simulator.simulate(CALLER, CallSimulator.Outcome.VOICEMAIL);

		assertThat(call.voicemail()).isTrue();
		Map<String, Object> row = this.jdbc.sql("SELECT recording_sid, recording_duration_seconds FROM calls")
			.query()
			.singleRow();
		assertThat((String) row.get("recording_sid")).matches("RE[0-9a-f]{32}");
		assertThat(row).containsEntry("recording_duration_seconds", 42);

		HttpResponse<byte[]> audio = this.http.sendBytes(this.http.request("/api/calls/" + call.callId() + "/recording")
			.header("Authorization", staffAuth())
			.GET());

		assertThat(audio.statusCode()).isEqualTo(200);
		assertThat(audio.headers().firstValue("Content-Type")).hasValue("audio/wav");
		assertThat(new String(Arrays.copyOfRange(audio.body(), 0, 4))).isEqualTo("RIFF");
		// 8,000 one-byte samples a second for the recording's 42 seconds, after the
		// header.
		assertThat(audio.body().length).isGreaterThan(42 * 8000);
	}

	@Test
	void simulatedAnsweredCallContactsTheLead() {
		this.jdbc.sql("UPDATE settings SET staff_phones = '+15125550901'").update();

		CallSimulator.SimulatedCall call = this.simulator.simulate(CALLER, CallSimulator.Outcome.ANSWERED);

		assertThat(call.status()).isEqualTo(CallStatus.ANSWERED);
		assertThat(this.jdbc.sql("SELECT duration_seconds FROM calls").query(Integer.class).single()).isEqualTo(180);
		assertThat(leadStatus(call.leadId())).isEqualTo("contacted");
	}

	@Test
	void simulatedAnsweredCallNeedsAStaffPhoneToRing() {
		assertThatThrownBy(() -> this.simulator.simulate(CALLER, CallSimulator.Outcome.ANSWERED))
			.isInstanceOf(CallSimulationException.class)
			.hasMessageContaining("Ring these phones");

		assertThat(count("SELECT count(*) FROM calls")).isZero();
	}

}
