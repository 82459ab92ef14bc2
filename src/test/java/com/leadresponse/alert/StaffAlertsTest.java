package com.leadresponse.alert;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TwilioStandIn;
import com.leadresponse.support.TwilioStandIn.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Staff alerts by SMS (SPEC 5.12) against the Twilio stand-in: a new lead and a reply
 * reach every staff phone once, through the outbox, outside the lead's limits.
 */
class StaffAlertsTest extends IntegrationTest {

	private static final String LEAD_PHONE = "+15125550134";

	private static final String OFFICE = "+15125550901";

	private static final String OWNER = "+15125550902";

	@BeforeEach
	void staffPhones() {
		this.jdbc.sql("UPDATE settings SET alert_phones = :phones, alert_emails = 'office@example.com'")
			.param("phones", OFFICE + "," + OWNER)
			.update();
	}

	@Test
	void newLeadAlertsEveryStaffPhoneBySms() {
		Http.Answer intake = this.http.postJson("/api/leads", "{\"name\":\"Maria Lopez\",\"phone\":\"" + LEAD_PHONE
				+ "\",\"source\":\"website\",\"message\":\"Bore under driveway\"}", "X-Api-Key", API_KEY);
		assertThat(intake.status()).isEqualTo(201);

		awaitAcceptedTo(OFFICE, 1);
		awaitAcceptedTo(OWNER, 1);
		awaitAlertsSettled();
		assertThat(twilio.receivedFor(OFFICE)).singleElement()
			.extracting(TwilioStandIn.Received::body)
			.isEqualTo("New lead: Maria Lopez " + LEAD_PHONE + " (website): Bore under driveway");
		assertThat(twilio.receivedFor(OWNER)).hasSize(1);
		List<Map<String, Object>> alerts = alerts();
		assertThat(alerts).hasSize(2).allSatisfy((alert) -> {
			assertThat(alert.get("status")).isEqualTo("sent");
			assertThat(alert.get("event")).isEqualTo("new_lead");
		});
		assertThat(alerts).extracting((alert) -> alert.get("provider_sid"))
			.containsExactlyInAnyOrder(twilio.receivedFor(OFFICE).get(0).sid(), twilio.receivedFor(OWNER).get(0).sid());
		assertThat(twilio.violations()).isEmpty();
	}

	@Test
	void staffAlertsDoNotCountTowardTheLeadsSmsLimits() {
		UUID leadId = createLead("Maria Lopez", LEAD_PHONE);
		awaitAcceptedTo(OFFICE, 1);
		awaitAcceptedTo(OWNER, 1);
		awaitPipelineIdle();
		awaitAlertsSettled();

		assertThat(this.jdbc.sql("SELECT sms_count_today FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM messages")).isEqualTo(1);
		assertThat(twilio.receivedFor(LEAD_PHONE)).hasSize(1);
	}

	@Test
	void leadReplyAlertsStaffWithWhatTheLeadWrote() {
		createLead("Maria Lopez", LEAD_PHONE);
		awaitAcceptedTo(OWNER, 1);
		awaitAlertsSettled();

		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "a".repeat(32), LEAD_PHONE, "Yes, call me at 5"));

		awaitAcceptedTo(OWNER, 2);
		awaitAlertsSettled();
		assertThat(twilio.receivedFor(OFFICE)).extracting(TwilioStandIn.Received::body)
			.containsExactly("New lead: Maria Lopez " + LEAD_PHONE,
					"Maria Lopez " + LEAD_PHONE + " replied: Yes, call me at 5");
	}

	@Test
	void textFromAnUnknownNumberAlertsStaffOnceAsANewLead() {
		postSignedWebhook("/api/webhooks/twilio",
				inboundSms("SM" + "b".repeat(32), "+15125550177", "Need a bore under my drive"));

		awaitAcceptedTo(OFFICE, 1);
		awaitAcceptedTo(OWNER, 1);
		awaitAlertsSettled();
		this.periodicPass.runOnce();
		assertThat(twilio.receivedFor(OFFICE)).extracting(TwilioStandIn.Received::body)
			.containsExactly("New lead by SMS from +15125550177: Need a bore under my drive");
		assertThat(twilio.receivedFor(OWNER)).hasSize(1);
	}

	@Test
	void alertTheProviderDidNotTakeIsDeliveredOnceAfterItsBackoff() {
		this.jdbc.sql("UPDATE settings SET alert_phones = :phone").param("phone", OFFICE).update();
		createLead("Maria Lopez", LEAD_PHONE);
		awaitAcceptedTo(OFFICE, 1);
		awaitAlertsSettled();
		twilio.answerNext(Answer.tooManyRequests());

		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "c".repeat(32), LEAD_PHONE, "Call me"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("SELECT count(*) FROM staff_alerts WHERE status = 'sent' AND attempts = 2") == 1);

		assertThat(twilio.receivedFor(OFFICE)).extracting(TwilioStandIn.Received::answeredStatus)
			.containsExactly(201, 429, 201);
		assertThat(count("SELECT count(*) FROM staff_alerts WHERE status = 'sent'")).isEqualTo(2);
	}

	@Test
	void withoutAnSmtpServerAlertsGoBySmsOnly() {
		createLead("Maria Lopez", LEAD_PHONE);
		awaitAcceptedTo(OWNER, 1);
		awaitAlertsSettled();

		assertThat(alerts()).extracting((alert) -> alert.get("channel")).containsOnly("sms");
	}

	private List<Map<String, Object>> alerts() {
		return this.jdbc.sql("SELECT * FROM staff_alerts ORDER BY created_at, recipient").query().listOfRows();
	}

	private void awaitAlertsSettled() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("SELECT count(*) FROM staff_alerts WHERE status IN ('queued', 'sending')") == 0);
	}

}
