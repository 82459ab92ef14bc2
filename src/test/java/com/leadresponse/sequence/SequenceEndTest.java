package com.leadresponse.sequence;

import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ending a sequence (SPEC 5.3, 5.6, 5.7): whatever ends it, no follow-up is due any more,
 * and the reason it first ended for is the one staff read, whatever happens to the lead
 * after.
 */
class SequenceEndTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	@Test
	void closingARunningSequenceEndsItAsClosed() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();

		closeAsLost(leadId);

		assertThat(sequence(leadId)).containsEntry("next_followup_at", null)
			.containsEntry("sequence_ended_reason", "Closed as lost");
	}

	@Test
	void aReplyAfterAnOptOutKeepsOptedOutAsTheReason() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();

		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "1".repeat(32), PHONE, "STOP"));
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "2".repeat(32), PHONE, "Actually call me"));

		assertThat(sequence(leadId)).containsEntry("sequence_ended_reason", "Opted out");
	}

	@Test
	void closingALeadWhoseSequenceEndedKeepsTheReasonItEndedFor() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "3".repeat(32), PHONE, "Yes please"));

		closeAsLost(leadId);

		assertThat(sequence(leadId)).containsEntry("status", "lost")
			.containsEntry("sequence_ended_reason", "Lead replied");
	}

	@Test
	void anExpiryAfterTheLastStepKeepsCompletedAsTheReason() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		this.jdbc.sql("DELETE FROM sequence_steps WHERE step_number > 1").update();
		this.clock.advance(java.time.Duration.ofDays(1).plusMinutes(1));
		this.periodicPass.runOnce();
		assertThat(sequence(leadId)).containsEntry("sequence_ended_reason", "Sequence completed");

		this.clock.advance(java.time.Duration.ofDays(30));
		this.periodicPass.runOnce();

		assertThat(sequence(leadId)).containsEntry("status", "lost")
			.containsEntry("closed_reason", "Sequence expired (30 days)")
			.containsEntry("sequence_ended_reason", "Sequence completed");
	}

	private void closeAsLost(UUID leadId) {
		assertThat(this.http
			.postJson("/api/leads/" + leadId + "/status", "{\"status\":\"lost\",\"reason\":\"Chose another\"}",
					"Authorization", staffAuth())
			.status()).isEqualTo(200);
	}

	private Map<String, Object> sequence(UUID leadId) {
		return this.jdbc
			.sql("SELECT status, closed_reason, next_followup_at, sequence_ended_reason FROM leads WHERE id = :id")
			.param("id", leadId)
			.query()
			.singleRow();
	}

}
