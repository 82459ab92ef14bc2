package com.leadresponse.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TwilioStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio's status callbacks (SPEC 5.10): late, repeated and out of order, they move each
 * message only forward and keep the error code; an unreachable number flags the lead.
 */
class StatusCallbackTest extends IntegrationTest {

	private static final String STATUS_PATH = "/api/webhooks/twilio/status";

	/** A message's callbacks and the status and error code it must end with. */
	private record Scenario(String phone, List<String[]> callbacks, String finalStatus, String finalError) {
	}

	@Test
	void shuffledAndRepeatedCallbacksLeaveEveryMessageAtItsFurthestStatus() throws Exception {
		List<Scenario> scenarios = List.of(
				scenario("+15125550101", "delivered", null, "queued", "sending", "sent", "delivered"),
				scenario("+15125550102", "delivered", null, "sent", "delivered", "read"),
				scenario("+15125550103", "sent", null, "queued", "sending", "sent"),
				scenario("+15125550104", "undelivered", "30007", "sending", "sent", "undelivered:30007"),
				scenario("+15125550105", "failed", "30008", "queued", "failed:30008"),
				scenario("+15125550106", "undelivered", "30005", "sent", "undelivered:30005"));
		Map<String, String> sidByPhone = new LinkedHashMap<>();
		for (Scenario scenario : scenarios) {
			createLead("Lead " + scenario.phone().substring(8), scenario.phone());
		}
		awaitPipelineIdle();
		for (TwilioStandIn.Received received : twilio.accepted()) {
			sidByPhone.put(received.to(), received.sid());
		}
		long seed = System.nanoTime();
		Random random = new Random(seed);
		List<Map<String, String>> callbacks = new ArrayList<>();
		for (Scenario scenario : scenarios) {
			for (String[] callback : scenario.callbacks()) {
				int copies = 1 + random.nextInt(3);
				for (int i = 0; i < copies; i++) {
					callbacks.add(statusCallback(sidByPhone.get(scenario.phone()), scenario.phone(), callback[0],
							callback[1]));
				}
			}
		}
		Collections.shuffle(callbacks, random);

		List<Http.Answer> answers = postTogether(callbacks);

		assertThat(answers).as("seed %d", seed).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(204));
		for (Scenario scenario : scenarios) {
			Map<String, Object> message = this.jdbc
				.sql("SELECT status, error_code FROM messages WHERE provider_sid = :sid")
				.param("sid", sidByPhone.get(scenario.phone()))
				.query()
				.singleRow();
			assertThat(message.get("status")).as("%s, seed %d", scenario.phone(), seed)
				.isEqualTo(scenario.finalStatus());
			assertThat(message.get("error_code")).as("%s, seed %d", scenario.phone(), seed)
				.isEqualTo(scenario.finalError());
		}
	}

	@Test
	void lateSentNeverOverwritesDelivered() {
		createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		String sid = twilio.accepted().get(0).sid();

		postSignedWebhook(STATUS_PATH, statusCallback(sid, "+15125550134", "delivered", null));
		postSignedWebhook(STATUS_PATH, statusCallback(sid, "+15125550134", "sent", null));
		postSignedWebhook(STATUS_PATH, statusCallback(sid, "+15125550134", "sending", null));

		assertThat(messageStatus(sid)).isEqualTo("delivered");
	}

	@Test
	void callbackThatArrivesBeforeTheSidIsStoredIsAppliedWhenItIs() {
		twilio.afterAccept(() -> {
			String sid = twilio.accepted().get(twilio.accepted().size() - 1).sid();
			// Twilio's callback beats our write of the SID: it is answered first.
			assertThat(postSignedWebhook(STATUS_PATH, statusCallback(sid, "+15125550134", "delivered", null)).status())
				.isEqualTo(204);
		});

		createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();

		assertThat(messageStatus(twilio.accepted().get(0).sid())).isEqualTo("delivered");
		assertThat(count("SELECT count(*) FROM early_status_callbacks")).isZero();
	}

	@Test
	void finalFailureIsNotUndoneByALaterDelivered() {
		createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		String sid = twilio.accepted().get(0).sid();

		postSignedWebhook(STATUS_PATH, statusCallback(sid, "+15125550134", "undelivered", "30007"));
		postSignedWebhook(STATUS_PATH, statusCallback(sid, "+15125550134", "delivered", null));

		assertThat(messageStatus(sid)).isEqualTo("undelivered");
	}

	@ParameterizedTest
	@ValueSource(strings = { "30003", "30005", "30006" })
	void undeliveredToAnUnreachableNumberFlagsTheLeadAndEndsItsSequence(String errorCode) {
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		String sid = twilio.accepted().get(0).sid();

		Http.Answer answer = postSignedWebhook(STATUS_PATH,
				statusCallback(sid, "+15125550134", "undelivered", errorCode));

		assertThat(answer.status()).isEqualTo(204);
		Map<String, Object> lead = this.jdbc.sql("SELECT * FROM leads WHERE id = :id")
			.param("id", leadId)
			.query()
			.singleRow();
		assertThat(lead.get("unreachable_at")).isNotNull();
		assertThat(lead.get("next_followup_at")).isNull();
		assertThat(lead.get("sequence_ended_reason")).isEqualTo("Provider error " + errorCode);
		this.clock.advance(Duration.ofDays(2));
		this.periodicPass.runOnce();
		assertThat(twilio.receivedFor("+15125550134")).hasSize(1);
	}

	@Test
	void carrierFilteringDoesNotFlagTheNumberUnreachable() {
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		String sid = twilio.accepted().get(0).sid();

		postSignedWebhook(STATUS_PATH, statusCallback(sid, "+15125550134", "undelivered", "30007"));

		assertThat(this.jdbc
			.sql("SELECT unreachable_at IS NULL AND next_followup_at IS NOT NULL FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(Boolean.class)
			.single()).isTrue();
	}

	private static Scenario scenario(String phone, String finalStatus, String finalError, String... statuses) {
		List<String[]> callbacks = new ArrayList<>();
		for (String status : statuses) {
			callbacks.add(status.split(":", 2).length == 2 ? status.split(":", 2) : new String[] { status, null });
		}
		return new Scenario(phone, callbacks, finalStatus, finalError);
	}

	private List<Http.Answer> postTogether(List<Map<String, String>> callbacks) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Http.Answer>> futures = new ArrayList<>();
			for (Map<String, String> callback : callbacks) {
				futures.add(pool.submit(() -> {
					start.await();
					return postSignedWebhook(STATUS_PATH, callback);
				}));
			}
			start.countDown();
			List<Http.Answer> answers = new ArrayList<>();
			for (Future<Http.Answer> future : futures) {
				answers.add(future.get(60, TimeUnit.SECONDS));
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private String messageStatus(String sid) {
		return this.jdbc.sql("SELECT status FROM messages WHERE provider_sid = :sid")
			.param("sid", sid)
			.query(String.class)
			.single();
	}

}
