package com.leadresponse;

import java.time.Duration;
import java.util.Map;

import com.leadresponse.support.Http;
import com.leadresponse.support.TestDatabase;
import com.leadresponse.support.TwilioWebhookSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With no Twilio credentials the product runs on its SMS simulator, and refuses every
 * webhook. This context runs on the real clock, not the tests' settable one; kept in the
 * context cache after this class, its scheduler would find every task the other tests
 * schedule (at their clock, months ago) due and run it, so it is closed after the class.
 */
@Tag("simulator")
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "lead-response.periodic-pass.scheduler-enabled=false", "lead.api-keys=sim-key",
				"twilio.account-sid=", "twilio.auth-token=" })
class SimulatorModeTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", TestDatabase::url);
		registry.add("spring.datasource.username", TestDatabase::username);
		registry.add("spring.datasource.password", TestDatabase::password);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http http;

	@BeforeEach
	void reset() {
		TestDatabase.reset(this.jdbc);
		this.http = new Http(this.port);
	}

	@Test
	void newLeadIsAnsweredByTheSimulator() {
		Http.Answer answer = this.http.postJson("/api/leads", "{\"name\":\"Maria\",\"phone\":\"+15125550134\"}",
				"X-Api-Key", "sim-key");
		assertThat(answer.status()).isEqualTo(201);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM messages WHERE status = 'sent'")
				.query(Integer.class)
				.single() == 1);
		var message = this.jdbc.sql("SELECT from_phone, provider_sid, to_phone FROM messages")
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) })
			.single();
		assertThat(message[0]).isEqualTo("Simulator");
		assertThat(message[1]).matches("SM[0-9a-f]{32}");
		assertThat(message[2]).isEqualTo("+15125550134");
		assertThat(this.jdbc.sql("SELECT status FROM leads").query(String.class).single()).isEqualTo("contacted");
	}

	@Test
	void webhooksAnswer403WithoutTwilioCredentials() {
		Map<String, String> params = Map.of("MessageSid", "SM" + "1".repeat(32), "From", "+15125550134", "Body", "hi");
		String signature = TwilioWebhookSigner.sign("any-token", "http://localhost:8080/api/webhooks/twilio", params);

		Http.Answer inbound = this.http.postForm("/api/webhooks/twilio", params, "X-Twilio-Signature", signature);
		Http.Answer status = this.http.postForm("/api/webhooks/twilio/status",
				Map.of("MessageSid", "SM" + "1".repeat(32), "MessageStatus", "delivered"), "X-Twilio-Signature",
				signature);

		assertThat(inbound.status()).isEqualTo(403);
		assertThat(status.status()).isEqualTo(403);
		assertThat(this.jdbc.sql("SELECT count(*) FROM processed_webhooks").query(Integer.class).single()).isZero();
	}

	@Test
	void cronEndpointAnswers404WhileNoSecretIsSet() {
		assertThat(this.http.get("/api/cron/process-followups", "Authorization", "Bearer anything").status())
			.isEqualTo(404);
	}

}
