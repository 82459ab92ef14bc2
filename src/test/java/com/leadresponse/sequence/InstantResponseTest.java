package com.leadresponse.sequence;

import java.time.Instant;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The instant response's contract (SPEC 5.1): it is queued inside the intake's
 * transaction, so an intake that fails after queueing it stores nothing and texts nobody,
 * and it refuses to run outside a transaction.
 */
class InstantResponseTest extends IntegrationTest {

	private static final String FAILING_ALERT_PHONE = "+15125550999";

	@Autowired
	private InstantResponse instantResponse;

	@AfterEach
	void dropFault() {
		this.jdbc.sql("DROP TRIGGER IF EXISTS fail_intake ON staff_alerts").update();
		this.jdbc.sql("DROP FUNCTION IF EXISTS fail_intake()").update();
	}

	@Test
	void anIntakeThatFailsAfterQueueingTheInstantResponseStoresNothingAndTextsNobody() {
		// The intake fails after the instant response is queued: at the staff alert its
		// LeadCreated event writes, later in the same transaction.
		this.jdbc.sql("UPDATE settings SET alert_phones = :phone").param("phone", FAILING_ALERT_PHONE).update();
		this.jdbc.sql("""
				CREATE FUNCTION fail_intake() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'injected fault after the instant response'; END $$
				""").update();
		this.jdbc
			.sql("CREATE TRIGGER fail_intake BEFORE INSERT ON staff_alerts FOR EACH ROW EXECUTE FUNCTION fail_intake()")
			.update();

		Http.Answer failed = postLead("Maria Lopez", "+15125550134");

		assertThat(failed.status()).isGreaterThanOrEqualTo(500);
		dropFault();
		// A later intake's text reaching the stand-in shows the pipeline ran meanwhile.
		this.jdbc.sql("UPDATE settings SET alert_phones = NULL").update();
		createLead("James Smith", "+15125550177");
		awaitAcceptedTo("+15125550177", 1);
		awaitPipelineIdle();
		assertThat(count("SELECT count(*) FROM leads WHERE phone = '+15125550134'")).isZero();
		assertThat(count("SELECT count(*) FROM messages WHERE to_phone = '+15125550134'")).isZero();
		assertThat(twilio.receivedFor("+15125550134")).isEmpty();
	}

	@Test
	void theInstantResponseRefusesToRunOutsideATransaction() {
		SequenceLead lead = new SequenceLead(UUID.randomUUID(), "Maria Lopez", "+15125550134", null, 0,
				Instant.parse("2026-04-02T21:00:00Z"));

		assertThatThrownBy(() -> this.instantResponse.send(lead)).isInstanceOf(IllegalTransactionStateException.class);
		assertThat(count("SELECT count(*) FROM messages")).isZero();
	}

}
