package com.leadresponse.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Staff alerts by e-mail (SPEC 5.12) through a real SMTP server running in the test
 * (GreenMail), the product's SMTP settings pointing at it.
 */
class StaffAlertEmailTest extends IntegrationTest {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
		registry.add("lead-response.alerts.mail-from", () -> "alerts@leads.example.com");
	}

	@BeforeEach
	void staffAddresses() throws Exception {
		smtp.purgeEmailFromAllMailboxes();
		this.jdbc.sql("UPDATE settings SET alert_emails = 'office@example.com,owner@example.com'").update();
	}

	@Test
	void newLeadIsEmailedToEveryStaffAddress() throws Exception {
		this.http.postJson("/api/leads", "{\"name\":\"Maria Lopez\",\"phone\":\"+15125550134\",\"source\":\"website\"}",
				"X-Api-Key", API_KEY);

		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		MimeMessage[] mails = smtp.getReceivedMessages();
		assertThat(mails).hasSize(2);
		List<String> recipients = new ArrayList<>();
		for (MimeMessage mail : mails) {
			recipients.add(GreenMailUtil.getAddressList(mail.getAllRecipients()));
		}
		assertThat(recipients).containsExactlyInAnyOrder("office@example.com", "owner@example.com");
		for (MimeMessage mail : mails) {
			assertThat(mail.getSubject()).isEqualTo("New lead: Maria Lopez");
			assertThat(GreenMailUtil.getAddressList(mail.getFrom())).isEqualTo("alerts@leads.example.com");
			assertThat(GreenMailUtil.getBody(mail)).contains("New lead: Maria Lopez +15125550134 (website)");
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("SELECT count(*) FROM staff_alerts WHERE channel = 'email' AND status = 'sent'") == 2);
	}

	@Test
	void leadReplyIsEmailedOnceEvenWhenTheWebhookIsRepeated() throws Exception {
		createLead("Maria Lopez", "+15125550134");
		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		smtp.purgeEmailFromAllMailboxes();

		var reply = inboundSms("SM" + "d".repeat(32), "+15125550134", "Yes please");
		postSignedWebhook("/api/webhooks/twilio", reply);
		postSignedWebhook("/api/webhooks/twilio", reply);

		assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
		this.periodicPass.runOnce();
		MimeMessage[] mails = smtp.getReceivedMessages();
		assertThat(mails).hasSize(2);
		assertThat(mails[0].getSubject()).isEqualTo("Reply from Maria Lopez");
		assertThat(GreenMailUtil.getBody(mails[0])).contains("replied: Yes please");
	}

}
