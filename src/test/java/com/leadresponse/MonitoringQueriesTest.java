package com.leadresponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' monitoring queries of SPEC 4 run exactly as written against the schema
 * and count what happened. They are kept in {@code docs/operations.md} (section
 * "Monitoring"), where operators copy them from, so the test reads them there.
 */
class MonitoringQueriesTest extends IntegrationTest {

	private static final Path OPERATIONS_GUIDE = Path.of("docs/operations.md");

	private static final String BLOCKED = "SELECT COUNT(*) FROM messages WHERE status = 'blocked';";

	private static final String PROCESSED_WEBHOOKS = "SELECT COUNT(*) FROM processed_webhooks;";

	private static final String EXPIRED = "SELECT COUNT(*) FROM leads WHERE closed_reason = 'Sequence expired (30 days)';";

	@Test
	void monitoringQueriesOfTheSpecRunAsWrittenAndCountWhatHappened() throws IOException {
		assertThat(Files.readString(OPERATIONS_GUIDE).lines().map(String::strip))
			.as("the queries tested are those of SPEC 4, as docs/operations.md gives them")
			.contains(BLOCKED, PROCESSED_WEBHOOKS, EXPIRED);
		createLead("Expiring Lead", "+15125550177");
		this.clock.advance(Duration.ofDays(30));
		assertThat(this.periodicPass.runOnce().expired()).isEqualTo(1);
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitAcceptedTo("+15125550134", 1);
		assertThat(this.http
			.postJson("/api/leads/" + leadId + "/messages", "{\"body\":\"Hello again\"}", "Authorization", staffAuth())
			.status()).isEqualTo(429);
		assertThat(postSignedWebhook("/api/webhooks/twilio",
				inboundSms("SM" + "7".repeat(32), "+15125550134", "Call me tomorrow"))
			.status()).isEqualTo(200);

		assertThat(List.of(run(BLOCKED), run(PROCESSED_WEBHOOKS), run(EXPIRED))).containsExactly(1L, 1L, 1L);
	}

	private long run(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
