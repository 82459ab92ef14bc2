package com.leadresponse.periodic;

import java.time.Duration;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler's part of readiness: with the in-process scheduler on, an instance whose
 * periodic pass has not completed within three intervals is not ready.
 */
// A long interval: the real scheduler's first pass (one interval after start) never runs
// during the test, only the clock moves.
@TestPropertySource(properties = { "lead-response.periodic-pass.scheduler-enabled=true",
		"lead-response.periodic-pass.interval=1h" })
// The scheduler of this context must not keep running passes during later test classes.
@DirtiesContext
class PeriodicPassReadinessTest extends IntegrationTest {

	@Test
	void readinessIsDownWhenNoPeriodicPassCompletedWithinThreeIntervals() {
		assertThat(readiness().status()).isEqualTo(200);

		this.clock.advance(Duration.ofHours(3).minusSeconds(1));
		assertThat(readiness().status()).isEqualTo(200);

		this.clock.advance(Duration.ofSeconds(2));
		Http.Answer stalled = readiness();
		assertThat(stalled.status()).isEqualTo(503);
		assertThat(stalled.json().get("status").asString()).isEqualTo("DOWN");

		this.periodicPass.runOnce();
		assertThat(readiness().status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	private Http.Answer readiness() {
		return this.http.get("/actuator/health/readiness");
	}

}
