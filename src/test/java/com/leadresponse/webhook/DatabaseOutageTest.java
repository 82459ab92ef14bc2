package com.leadresponse.webhook;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away for a few seconds under webhook traffic: webhooks answer 503 (so
 * Twilio retries), nothing is half-stored, and the running service recovers by itself.
 */
class DatabaseOutageTest extends IntegrationTest {

	private static final Pattern DATABASE_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]+)(.*)");

	private static final String PHONE = "+15125550134";

	/** What one webhook delivery was answered. */
	private record Delivery(Map<String, String> params, int status, String contentType) {
	}

	@Test
	void webhooksAnswer503DuringAnOutageAndTheirRetriesAreProcessedOnceAfterwards() throws Exception {
		createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		List<Delivery> deliveries = new CopyOnWriteArrayList<>();
		AtomicBoolean trafficOn = new AtomicBoolean(true);
		Thread traffic = new Thread(() -> {
			// Bounded: at most 400 webhooks, stopped once the service is back.
			for (int i = 1; i <= 400 && trafficOn.get(); i++) {
				Map<String, String> params = inboundSms("SM" + String.format("%032x", i), PHONE, "Message " + i);
				Http.Answer answer = postSignedWebhook("/api/webhooks/twilio", params);
				deliveries.add(new Delivery(params, answer.status(), answer.header("Content-Type")));
			}
		}, "webhook-traffic");
		traffic.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> okCount(deliveries) >= 3);

		setConnectionsAllowed(false);
		try {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> deliveries.stream().filter((d) -> d.status() == 503).count() >= 3);
		}
		finally {
			setConnectionsAllowed(true);
		}
		long okBeforeRecovery = okCount(deliveries);
		await().atMost(Duration.ofSeconds(60)).until(() -> okCount(deliveries) >= okBeforeRecovery + 3);
		trafficOn.set(false);
		traffic.join(Duration.ofSeconds(60).toMillis());

		assertThat(deliveries).extracting(Delivery::status).containsOnly(200, 503);
		assertThat(deliveries).filteredOn((d) -> d.status() == 503)
			.allSatisfy((d) -> assertThat(d.contentType()).startsWith("application/problem+json"));
		// Twilio retries every delivery that failed; repeat the successful ones too.
		Map<String, Integer> retryAnswers = new ConcurrentHashMap<>();
		for (Delivery delivery : deliveries) {
			retryAnswers.put(delivery.params().get("MessageSid"),
					postSignedWebhook("/api/webhooks/twilio", delivery.params()).status());
		}
		assertThat(retryAnswers.values()).containsOnly(200);
		int sids = deliveries.size();
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound'")).isEqualTo(sids);
		assertThat(count("SELECT count(DISTINCT provider_sid) FROM messages WHERE direction = 'inbound'"))
			.isEqualTo(sids);
		assertThat(count("SELECT count(*) FROM processed_webhooks WHERE webhook_type = 'twilio_inbound'"))
			.isEqualTo(sids);
		// Nothing half-stored: each claimed webhook has its message and the reverse.
		assertThat(count("""
				SELECT count(*) FROM processed_webhooks p FULL JOIN messages m ON m.provider_sid = p.webhook_id
				WHERE (p.id IS NULL AND m.direction = 'inbound') OR (m.id IS NULL AND p.webhook_type = 'twilio_inbound')
				""")).isZero();
		assertThat(leadStatus(this.jdbc.sql("SELECT id FROM leads").query(java.util.UUID.class).single()))
			.isEqualTo("replied");
	}

	private static long okCount(List<Delivery> deliveries) {
		return deliveries.stream().filter((d) -> d.status() == 200).count();
	}

	/**
	 * Makes the test database refuse connections and ends the open ones (or allows them
	 * again), from the server's maintenance database: to the product it is down.
	 */
	private static void setConnectionsAllowed(boolean allowed) throws SQLException {
		Matcher url = DATABASE_URL.matcher(TestDatabase.url());
		assertThat(url.matches()).as("database URL %s", TestDatabase.url()).isTrue();
		String database = url.group(2);
		try (Connection admin = DriverManager.getConnection(url.group(1) + "postgres" + url.group(3),
				TestDatabase.username(), TestDatabase.password()); Statement statement = admin.createStatement()) {
			statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + allowed);
			if (!allowed) {
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
						+ "' AND pid <> pg_backend_pid()");
			}
		}
	}

}
