package com.leadresponse.sequence;

import java.time.Duration;
import java.util.UUID;

import com.leadresponse.periodic.PeriodicPass;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FollowUpSequenceTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	@Test
	void followUpDueAtAMovedClockIsSentOnce() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitAcceptedTo(PHONE, 1);
		awaitPipelineIdle();

		this.clock.advance(Duration.ofDays(1).plusMinutes(1));
		PeriodicPass.Result first = this.periodicPass.runOnce();
		PeriodicPass.Result second = this.periodicPass.runOnce();
		awaitPipelineIdle();

		assertThat(first.processed()).isEqualTo(1);
		assertThat(second.processed()).isZero();
		assertThat(twilio.receivedFor(PHONE)).hasSize(2);
		assertThat(twilio.receivedFor(PHONE).get(1).body())
			.isEqualTo("Hi Maria, following up from Our team. When is a good time to talk?");
		assertThat(this.jdbc.sql("SELECT sequence_step FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void followUpIsNotSentBeforeItIsDue() {
		createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();

		this.clock.advance(Duration.ofHours(23));
		PeriodicPass.Result pass = this.periodicPass.runOnce();

		assertThat(pass.processed()).isZero();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void wholeDefaultSequenceRunsInstantThenDay1Day3Day7Day14ThenEnds() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		int[] daysAfterPrevious = { 1, 3, 7, 14 };
		for (int days : daysAfterPrevious) {
			this.clock.advance(Duration.ofDays(days).plusMinutes(1));
			assertThat(this.periodicPass.runOnce().processed()).isEqualTo(1);
			awaitPipelineIdle();
		}
		this.clock.advance(Duration.ofDays(5));
		this.periodicPass.runOnce();

		assertThat(twilio.receivedFor(PHONE)).hasSize(5);
		assertThat(this.jdbc.sql("SELECT next_followup_at IS NULL FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void replyStopsTheSequence() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "a".repeat(32), PHONE, "How much?"));

		this.clock.advance(Duration.ofDays(2));
		this.periodicPass.runOnce();

		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(leadStatus(leadId)).isEqualTo("replied");
	}

	@Test
	void manualSmsPausesTheSequence() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		this.clock.advance(Duration.ofMinutes(5));
		var answer = this.http.postJson("/api/leads/" + leadId + "/messages", "{\"body\":\"Calling you now\"}",
				"Authorization", staffAuth());
		assertThat(answer.status()).isEqualTo(202);
		awaitPipelineIdle();

		this.clock.advance(Duration.ofDays(2));
		this.periodicPass.runOnce();

		assertThat(twilio.receivedFor(PHONE)).hasSize(2);
		assertThat(this.jdbc.sql("SELECT sequence_paused_at IS NOT NULL FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void closingALeadEndsItsSequence() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		var answer = this.http.postJson("/api/leads/" + leadId + "/status",
				"{\"status\":\"won\",\"reason\":\"Signed\"}", "Authorization", staffAuth());
		assertThat(answer.status()).isEqualTo(200);

		this.clock.advance(Duration.ofDays(2));
		this.periodicPass.runOnce();

		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(leadStatus(leadId)).isEqualTo("won");
	}

	@Test
	void mergeFieldsAreFilledFromTheLeadAndSettings() {
		this.jdbc.sql("UPDATE settings SET business_name = 'Austin Boring Co'").update();

		createLead("José Álvarez", PHONE);
		awaitAcceptedTo(PHONE, 1);

		assertThat(twilio.receivedFor(PHONE).get(0).body())
			.isEqualTo("Hi José, thanks for reaching out to Austin Boring Co! We will call you shortly.");
	}

}
