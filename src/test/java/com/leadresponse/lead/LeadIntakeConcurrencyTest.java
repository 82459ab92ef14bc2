package com.leadresponse.lead;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake under concurrent retries: one lead and one instant response however many copies
 * arrive together.
 */
class LeadIntakeConcurrencyTest extends IntegrationTest {

	private static final int COPIES = 20;

	private static final String PHONE = "+15125550134";

	@Test
	void concurrentIntakesOfOnePhoneMakeOneLeadAndOneText() throws Exception {
		List<Http.Answer> answers = together(() -> postLead("Maria", PHONE));
		awaitPipelineIdle();

		assertThat(answers).extracting(Http.Answer::status).containsOnly(200, 201);
		assertThat(answers.stream().filter((a) -> a.status() == 201)).hasSize(1);
		assertThat(answers.stream().map((a) -> a.json().get("id").asString()).distinct()).hasSize(1);
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(1);
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	@Test
	void concurrentRetriesWithOneIdempotencyKeyAllGetTheFirstAnswer() throws Exception {
		List<Http.Answer> answers = together(
				() -> this.http.postJson("/api/leads", "{\"name\":\"Maria\",\"phone\":\"" + PHONE + "\"}", "X-Api-Key",
						API_KEY, "Idempotency-Key", "retry-7"));
		awaitPipelineIdle();

		assertThat(answers).extracting(Http.Answer::status).containsOnly(201);
		assertThat(answers.stream().map((a) -> a.json().get("id").asString()).distinct()).hasSize(1);
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(1);
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	private static List<Http.Answer> together(Supplier<Http.Answer> request) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(COPIES);
		try {
			CountDownLatch ready = new CountDownLatch(COPIES);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Http.Answer>> futures = new ArrayList<>();
			for (int i = 0; i < COPIES; i++) {
				futures.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return request.get();
				}));
			}
			ready.await();
			go.countDown();
			List<Http.Answer> answers = new ArrayList<>();
			for (Future<Http.Answer> future : futures) {
				answers.add(future.get());
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
