package com.leadresponse.sms;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.leadresponse.LeadResponseApplication;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TestDatabase;
import com.leadresponse.support.TwilioStandIn;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown (SIGTERM, a rolling deploy): a provider call under way when the
 * instance is told to stop finishes, and its outcome is recorded before the process ends,
 * so the message is {@code sent}, not left {@code sending} for reconciliation.
 */
class GracefulShutdownTest extends IntegrationTest {

	@Test
	void shutdownWaitsForASendInFlightAndRecordsItsOutcome() throws Exception {
		CountDownLatch atProvider = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		twilio.afterAccept(() -> {
			atProvider.countDown();
			try {
				release.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		ConfigurableApplicationContext instance = startSecondInstance();
		CountDownLatch closing = new CountDownLatch(1);
		instance.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent) {
				closing.countDown();
			}
		});
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		Http.Answer intake = new Http(port).postJson("/api/leads",
				"{\"name\":\"Maria Lopez\",\"phone\":\"+15125550134\"}", "X-Api-Key", API_KEY);
		assertThat(intake.status()).isEqualTo(201);
		assertThat(atProvider.await(10, TimeUnit.SECONDS)).isTrue();

		Thread stopping = new Thread(instance::close, "stopping-instance");
		stopping.start();
		assertThat(closing.await(10, TimeUnit.SECONDS)).isTrue();
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(stopping::isAlive);
		release.countDown();
		stopping.join(Duration.ofSeconds(40).toMillis());

		assertThat(stopping.isAlive()).isFalse();
		assertThat(twilio.accepted()).hasSize(1);
		assertThat(this.jdbc.sql("SELECT status || ' ' || provider_sid FROM messages WHERE to_phone = '+15125550134'")
			.query(String.class)
			.single()).isEqualTo("sent " + twilio.accepted().get(0).sid());
	}

	private static ConfigurableApplicationContext startSecondInstance() {
		return new SpringApplicationBuilder(LeadResponseApplication.class)
			.properties("server.port=0", "spring.datasource.url=" + TestDatabase.url(),
					"spring.datasource.username=" + TestDatabase.username(),
					"spring.datasource.password=" + TestDatabase.password(),
					"lead-response.periodic-pass.scheduler-enabled=false", "lead.api-keys=" + API_KEY,
					"admin.email=" + ADMIN_EMAIL, "admin.password=" + ADMIN_PASSWORD, "app.public-url=" + PUBLIC_URL,
					"twilio.account-sid=" + TwilioStandIn.ACCOUNT_SID, "twilio.auth-token=" + TwilioStandIn.AUTH_TOKEN,
					"twilio.from-number=" + TwilioStandIn.FROM, "twilio.api-base-url=" + twilio.baseUrl())
			.run();
	}

}
