package com.leadresponse;

import java.time.Duration;
import java.util.UUID;

import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TwilioStandIn;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole flow against the local Twilio stand-in that checks requests against Twilio's
 * API description.
 */
class EndToEndTwilioTest extends IntegrationTest {

	@Test
	void leadIsTextedAtOnceRepliesAndGetsNoFollowUpAfterwards() {
		UUID leadId = createLead("Maria Lopez", "+15125550134");

		awaitAcceptedTo("+15125550134", 1);
		TwilioStandIn.Received instant = twilio.accepted().get(0);
		assertThat(instant.to()).isEqualTo("+15125550134");
		assertThat(instant.from()).isEqualTo(TwilioStandIn.FROM);
		assertThat(instant.body()).startsWith("Hi Maria, thanks for reaching out to Our team!");
		assertThat(instant.statusCallback()).isEqualTo(PUBLIC_URL + "/api/webhooks/twilio/status");
		awaitPipelineIdle();
		assertThat(leadStatus(leadId)).isEqualTo("contacted");
		assertThat(this.jdbc.sql("SELECT provider_sid FROM messages WHERE lead_id = :id")
			.param("id", leadId)
			.query(String.class)
			.single()).isEqualTo(instant.sid());

		var reply = postSignedWebhook("/api/webhooks/twilio",
				inboundSms("SM" + "1".repeat(32), "+15125550134", "Yes please call me"));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("Content-Type")).startsWith("text/xml");
		assertThat(reply.body()).contains("<Response></Response>");
		assertThat(leadStatus(leadId)).isEqualTo("replied");

		this.clock.advance(Duration.ofDays(20));
		this.periodicPass.runOnce();
		awaitPipelineIdle();

		assertThat(twilio.receivedFor("+15125550134")).hasSize(1);
		assertThat(twilio.violations()).isEmpty();
	}

}
