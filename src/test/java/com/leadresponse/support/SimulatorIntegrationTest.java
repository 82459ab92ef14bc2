package com.leadresponse.support;

import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The product as {@code mvn spring-boot:run} starts it without Twilio credentials: the
 * built-in SMS simulator sends, and staff may simulate a lead's reply (SPEC 2). Same
 * database, clock and helpers as {@link IntegrationTest}. The simulator reports a text
 * delivered an hour after it went, so tests that move the clock by minutes see it
 * {@code sent}; a test of the delivery moves the clock past that. Tagged
 * {@code simulator}: these run in a JVM of their own (pom.xml), since contexts share the
 * database and a context without Twilio must not take the others' background tasks.
 */
@Tag("simulator")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "lead-response.periodic-pass.scheduler-enabled=false",
				"lead-response.periodic-pass.cron-secret=" + IntegrationTest.CRON_SECRET,
				"lead.api-keys=" + IntegrationTest.API_KEY, "admin.email=" + IntegrationTest.ADMIN_EMAIL,
				"admin.password=" + IntegrationTest.ADMIN_PASSWORD, "app.public-url=" + IntegrationTest.PUBLIC_URL,
				"twilio.account-sid=", "twilio.auth-token=", "lead-response.sending.initial-backoff=0s",
				"lead-response.settings.cache-ttl=0s", "lead-response.caches.ttl=0s",
				"lead-response.simulator.delivery-delay=1h",
				"lead-response.metrics.token=" + IntegrationTest.METRICS_TOKEN })
public abstract class SimulatorIntegrationTest extends IntegrationTest {

}
