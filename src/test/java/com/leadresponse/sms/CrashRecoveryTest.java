package com.leadresponse.sms;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.SecondInstance;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A send cut off between Twilio's acceptance and the database write (SPEC 5.9): the
 * message is settled by asking Twilio, never by posting it again.
 */
class CrashRecoveryTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	/** Longer than lead-response.sending.reconcile-after (2 minutes). */
	private static final Duration PAST_RECONCILE = Duration.ofMinutes(3);

	@Autowired
	private Deliveries deliveries;

	@Test
	void messageAcceptedWhenItsInstanceDiedIsReconciledWithTwilioSidAndNotResent() {
		SecondInstance dying = SecondInstance.start(this.clock, twilio);
		UUID leadId;
		try {
			// The instance loses its database the moment Twilio accepts, so its write of
			// 'sent' never happens; then it is shut down.
			HikariDataSource database = (HikariDataSource) dying.bean(DataSource.class);
			twilio.afterAccept(database::close);
			Http dyingHttp = dying.http();
			Http.Answer intake = dyingHttp.postJson("/api/leads",
					"{\"name\":\"Maria Lopez\",\"phone\":\"" + PHONE + "\"}", "X-Api-Key", API_KEY);
			assertThat(intake.status()).isEqualTo(201);
			leadId = UUID.fromString(intake.json().get("id").asString());
			awaitAcceptedTo(PHONE, 1);
		}
		finally {
			dying.close();
			twilio.afterAccept(() -> {
			});
		}
		assertThat(instantMessage(leadId).get("status")).isEqualTo("sending");
		assertThat(instantMessage(leadId).get("provider_sid")).isNull();

		this.periodicPass.runOnce();
		assertThat(instantMessage(leadId).get("status")).isEqualTo("sending");
		this.clock.advance(PAST_RECONCILE);
		this.periodicPass.runOnce();

		Map<String, Object> message = instantMessage(leadId);
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
		assertThat(message.get("status")).isEqualTo("sent");
		assertThat(message.get("provider_sid")).isEqualTo(twilio.accepted().get(0).sid());
		assertThat(leadStatus(leadId)).isEqualTo("contacted");
	}

	@Test
	void messageLeftSendingIsMarkedUnknownWhenTwilioCannotBeAskedAndIsNotResent() {
		twilio.afterAccept(() -> {
			throw new IllegalStateException("connection lost before the answer");
		});
		UUID leadId = createLead("Maria Lopez", PHONE);
		await().atMost(Duration.ofSeconds(10)).until(() -> instantMessage(leadId).get("error_code") != null);
		twilio.afterAccept(() -> {
		});

		this.clock.advance(PAST_RECONCILE);
		twilio.refuseConnections();
		try {
			this.deliveries.settle();
		}
		finally {
			twilio.acceptConnections();
		}
		this.clock.advance(PAST_RECONCILE);
		this.deliveries.settle();

		Map<String, Object> message = instantMessage(leadId);
		assertThat(message.get("status")).isEqualTo("unknown");
		assertThat((String) message.get("error_message"))
			.contains("the provider could not be asked whether it has this message");
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	private Map<String, Object> instantMessage(UUID leadId) {
		return this.jdbc.sql("""
				SELECT status, provider_sid, error_code, error_message FROM messages
				WHERE lead_id = :id AND sequence_step = 1
				""").param("id", leadId).query().singleRow();
	}

}
