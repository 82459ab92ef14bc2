package com.leadresponse.sequence;

import java.time.Duration;
import java.util.List;

import com.leadresponse.periodic.PeriodicPass;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The periodic sweep sends due follow-ups as one batch (SPEC 5.2, 5.9). */
class FollowUpSweepTest extends IntegrationTest {

	@Test
	void eachDueFollowUpOfASweepIsSentOnceAndRecordedSent() {
		List<String> phones = List.of("+15125550134", "+15125550135", "+15125550136");
		phones.forEach((phone) -> createLead("Maria Lopez", phone));
		phones.forEach((phone) -> awaitAcceptedTo(phone, 1));
		awaitPipelineIdle();

		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		PeriodicPass.Result pass = this.periodicPass.runOnce();

		assertThat(pass.processed()).isEqualTo(3);
		awaitPipelineIdle();
		phones.forEach((phone) -> assertThat(twilio.receivedFor(phone)).hasSize(2));
		assertThat(twilio.receivedFor("+15125550134").get(1).body()).contains("following up");
		assertThat(count("SELECT count(*) FROM messages WHERE status = 'sent' AND provider_sid IS NOT NULL"))
			.isEqualTo(6);
		assertThat(twilio.violations()).isEmpty();
	}

}
