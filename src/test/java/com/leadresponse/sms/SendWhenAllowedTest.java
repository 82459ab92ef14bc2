package com.leadresponse.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.SecondInstance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SPEC 3 {@code whenAllowed}: a staff text refused only for being too soon is queued for
 * the next allowed moment and goes then by itself; the daily limit and the opt-out still
 * refuse; staff can cancel it until it goes; its slot is reserved by the rate limit's one
 * atomic step, so across instances texts never go closer than the minimum interval.
 */
class SendWhenAllowedTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	@Test
	void tooSoonTextWithWhenAllowedIsQueuedForTheNextAllowedMomentInsteadOfRefused() {
		UUID leadId = leadAfterItsInstantResponse();
		Instant instantAt = lastSmsAt(leadId);
		this.clock.advance(Duration.ofSeconds(10));

		Http.Answer answer = send(this.http, leadId, "Yes, we can come Thursday");

		assertThat(answer.status()).isEqualTo(202);
		assertThat(answer.json().get("success").asBoolean()).isTrue();
		assertThat(answer.json().get("status").asString()).isEqualTo("queued");
		assertThat(Instant.parse(answer.json().get("scheduledFor").asString())).isEqualTo(instantAt.plusSeconds(60));
		assertThat(count("SELECT count(*) FROM messages WHERE status = 'blocked'")).isZero();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void queuedTextGoesByItselfAtTheAllowedMoment() {
		UUID leadId = leadAfterItsInstantResponse();
		Instant instantAt = lastSmsAt(leadId);
		this.clock.advance(Duration.ofSeconds(10));
		send(this.http, leadId, "Yes, we can come Thursday");
		this.clock.set(instantAt.plusSeconds(59));
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);

		this.clock.set(instantAt.plusSeconds(60));

		awaitAcceptedTo(PHONE, 2);
		assertThat(twilio.receivedFor(PHONE).get(1).body()).isEqualTo("Yes, we can come Thursday");
		awaitPipelineIdle();
		assertThat(count("SELECT count(*) FROM messages WHERE status = 'sent' AND sent_by_id IS NOT NULL"))
			.isEqualTo(1);
	}

	@Test
	void whenAllowedStillRefusesTheDailyLimit() {
		UUID leadId = leadAfterItsInstantResponse();
		for (int i = 2; i <= 5; i++) {
			this.clock.advance(Duration.ofSeconds(60));
			assertThat(send(this.http, leadId, "Text " + i).status()).isEqualTo(202);
		}
		this.clock.advance(Duration.ofSeconds(60));

		Http.Answer sixth = send(this.http, leadId, "Text 6");

		assertThat(sixth.status()).isEqualTo(429);
		assertThat(sixth.json().get("error").asString())
			.isEqualTo("Rate limit exceeded: Daily limit reached (5 per day)");
		assertThat(count("SELECT count(*) FROM messages WHERE scheduled_for IS NOT NULL")).isZero();
	}

	@Test
	void whenAllowedStillRefusesAnOptedOutLead() {
		UUID leadId = leadAfterItsInstantResponse();
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "5".repeat(32), PHONE, "STOP"));
		this.clock.advance(Duration.ofSeconds(5));

		Http.Answer answer = send(this.http, leadId, "Still there?");

		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.json().get("error").asString()).isEqualTo("Recipient opted out");
		assertThat(count("SELECT count(*) FROM messages WHERE scheduled_for IS NOT NULL")).isZero();
	}

	@Test
	void queuedTextCancelledBeforeItsMomentIsNeverSent() {
		UUID leadId = leadAfterItsInstantResponse();
		Instant instantAt = lastSmsAt(leadId);
		this.clock.advance(Duration.ofSeconds(10));
		String messageId = send(this.http, leadId, "Wrong lead, sorry").json().get("messageId").asString();

		Http.Answer cancel = this.http.send(this.http.request("/api/leads/" + leadId + "/messages/" + messageId)
			.header("Authorization", staffAuth())
			.DELETE());
		this.clock.set(instantAt.plusSeconds(120));

		assertThat(cancel.status()).isEqualTo(204);
		awaitNoScheduledTasks();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(count("SELECT count(*) FROM messages WHERE body = 'Wrong lead, sorry'")).isZero();
	}

	@Test
	void textThatAlreadyWentCannotBeCancelled() {
		UUID leadId = leadAfterItsInstantResponse();
		Instant instantAt = lastSmsAt(leadId);
		this.clock.advance(Duration.ofSeconds(10));
		String messageId = send(this.http, leadId, "On our way").json().get("messageId").asString();
		this.clock.set(instantAt.plusSeconds(60));
		awaitAcceptedTo(PHONE, 2);

		Http.Answer cancel = this.http.send(this.http.request("/api/leads/" + leadId + "/messages/" + messageId)
			.header("Authorization", staffAuth())
			.DELETE());

		assertThat(cancel.status()).isEqualTo(409);
		assertThat(twilio.receivedFor(PHONE)).hasSize(2);
	}

	@Test
	void queuedTextsOnTwoInstancesGoOneMinimumIntervalApart() {
		SecondInstance second = secondInstance();
		UUID leadId = leadAfterItsInstantResponse();
		Instant instantAt = lastSmsAt(leadId);
		this.clock.advance(Duration.ofSeconds(5));
		Http[] instances = { this.http, second.http() };

		List<Http.Answer> answers = Concurrently.run(4,
				(i) -> send(instances[i % 2], leadId, "Reply " + i + " from instance " + (i % 2 + 1)));

		assertThat(answers).extracting(Http.Answer::status).containsOnly(202);
		for (int slot = 1; slot <= 4; slot++) {
			this.clock.set(instantAt.plusSeconds(60L * slot));
			int sent = 1 + slot;
			awaitAcceptedTo(PHONE, sent);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> count("SELECT count(*) FROM messages WHERE status = 'sent'") == sent);
			assertThat(twilio.receivedFor(PHONE)).as("texts by minute %d", slot).hasSize(sent);
		}
		List<Instant> sentAt = this.jdbc.sql("SELECT sent_at FROM messages WHERE status = 'sent' ORDER BY sent_at")
			.query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
			.list();
		for (int i = 1; i < sentAt.size(); i++) {
			assertThat(Duration.between(sentAt.get(i - 1), sentAt.get(i)))
				.isGreaterThanOrEqualTo(Duration.ofSeconds(60));
		}
		assertThat(count("SELECT count(*) FROM messages WHERE status = 'blocked'")).isZero();
	}

	@Test
	void queuedTextThatMeetsTheDailyLimitAtItsMomentIsBlockedWithTheReason() {
		UUID leadId = leadAfterItsInstantResponse();
		for (int i = 2; i <= 4; i++) {
			this.clock.advance(Duration.ofSeconds(60));
			send(this.http, leadId, "Text " + i);
		}
		this.clock.advance(Duration.ofSeconds(10));
		send(this.http, leadId, "Waiting text");
		// An admin's bypass takes the day's last slot before the waiting text's moment.
		sendBypassing(leadId, "Urgent: crew is outside");
		this.clock.advance(Duration.ofSeconds(60));

		await().atMost(Duration.ofSeconds(10))
			.until(() -> count(
					"SELECT count(*) FROM messages WHERE body = 'Waiting text' AND status = 'blocked'") == 1);
		assertThat(this.jdbc.sql("SELECT error_message FROM messages WHERE body = 'Waiting text'")
			.query(String.class)
			.single()).isEqualTo("Rate limit exceeded: Daily limit reached (5 per day)");
	}

	private UUID leadAfterItsInstantResponse() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitAcceptedTo(PHONE, 1);
		awaitPipelineIdle();
		return leadId;
	}

	private Instant lastSmsAt(UUID leadId) {
		return this.jdbc.sql("SELECT last_sms_at FROM leads WHERE id = :id")
			.param("id", leadId)
			.query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
			.single();
	}

	private Http.Answer send(Http instance, UUID leadId, String body) {
		return instance.postJson("/api/leads/" + leadId + "/messages",
				"{\"body\":\"" + body + "\",\"whenAllowed\":true}", "Authorization", staffAuth());
	}

	private void sendBypassing(UUID leadId, String body) {
		assertThat(this.http
			.postJson("/api/leads/" + leadId + "/messages", "{\"body\":\"" + body + "\",\"bypassRateLimit\":true}",
					"Authorization", staffAuth())
			.status()).isEqualTo(202);
	}

	private void awaitNoScheduledTasks() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'scheduled-text'") == 0);
	}

}
