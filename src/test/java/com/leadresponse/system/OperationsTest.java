package com.leadresponse.system;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operators and integrators reach without signing in (SPEC 3 Operations): health
 * probes, Prometheus metrics, and the OpenAPI document of the JSON API.
 */
class OperationsTest extends IntegrationTest {

	@Test
	void livenessAndReadinessAreUpWhenTheDatabaseAnswers() {
		Http.Answer liveness = this.http.get("/actuator/health/liveness");
		Http.Answer readiness = this.http.get("/actuator/health/readiness");

		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void prometheusShowsTheSpeedToLeadHistogramOnceALeadIsTexted() {
		createLead("Maria Lopez", "+15125550134");
		awaitAcceptedTo("+15125550134", 1);
		awaitPipelineIdle();

		Http.Answer metrics = this.http.get("/actuator/prometheus", "Authorization", "Bearer " + METRICS_TOKEN);

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("lead_speed_to_lead_seconds_bucket{");
		assertThat(metrics.body()).containsPattern("lead_speed_to_lead_seconds_count(\\{[^}]*})? [1-9]");
	}

	@Test
	void openApiDocumentListsTheLeadApiAndNeedsNoSignIn() {
		Http.Answer document = this.http.get("/v3/api-docs");

		assertThat(document.status()).isEqualTo(200);
		assertThat(document.json().get("openapi").asString()).startsWith("3.");
		assertThat(document.json().get("paths").propertyNames()).contains("/api/leads", "/api/leads/{id}",
				"/api/leads/{id}/messages", "/api/cron/process-followups");
	}

}
