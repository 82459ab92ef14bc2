package com.leadresponse.periodic;

import java.time.Duration;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CronEndpointTest extends IntegrationTest {

	@Test
	void cronWithoutTheSecretGets401() {
		assertThat(this.http.get("/api/cron/process-followups").status()).isEqualTo(401);
		assertThat(this.http.get("/api/cron/process-followups", "Authorization", "Bearer wrong").status())
			.isEqualTo(401);
	}

	@Test
	void cronRunsOnePassAndAnswersItsCounts() {
		createLead("Maria", "+15125550134");
		awaitPipelineIdle();
		this.clock.advance(Duration.ofDays(1).plusMinutes(1));

		Http.Answer answer = this.http.postJson("/api/cron/process-followups", "", "Authorization",
				"Bearer " + CRON_SECRET);

		assertThat(answer.status()).isEqualTo(200);
		var json = answer.json();
		assertThat(json.get("success").asBoolean()).isTrue();
		assertThat(json.get("processed").asInt()).isEqualTo(1);
		assertThat(json.get("expired").asInt()).isZero();
		assertThat(json.get("cleaned").asInt()).isZero();
		assertThat(json.get("timestamp").asString()).isEqualTo("2026-03-04T21:01:00Z");
	}

	@Test
	void cronAcceptsGet() {
		Http.Answer answer = this.http.get("/api/cron/process-followups", "Authorization", "Bearer " + CRON_SECRET);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("processed").asInt()).isZero();
	}

}
