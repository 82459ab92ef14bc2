package com.leadresponse.outboundwebhook;

import java.util.List;
import java.util.UUID;

import com.leadresponse.support.SecondInstance;
import com.leadresponse.support.TwoCachingInstancesTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which events enabled endpoints take is kept by each instance (issue 16: no statement
 * for it in every webhook), and a change is seen everywhere within a second though each
 * copy would last an hour: made on one instance, on another, or by an operator's SQL.
 */
class EndpointCacheTest extends TwoCachingInstancesTest {

	@Test
	void anEndpointAddedOnOneInstanceIsTakenOnBothAtOnceAndOnTheOtherWithinASecond() {
		assertThat(taken(this.first)).isEmpty();
		assertThat(taken(this.second)).isEmpty();

		UUID id = UUID.randomUUID();
		this.first.bean(WebhookEndpointRepository.class)
			.insert(id, "https://jobs.example.com/hook", List.of("lead.replied"), "whsec_test", this.clock.instant());

		// The instance that made the change sees it at once, without the notification.
		assertThat(taken(this.first)).containsExactly("lead.replied");
		await().atMost(SEEN_WITHIN).until(() -> taken(this.second).contains("lead.replied"));

		this.second.bean(WebhookEndpointRepository.class).failed(id, this.clock.instant());
		this.second.bean(WebhookEndpointRepository.class)
			.disableIfFailingSince(id, this.clock.instant().plusSeconds(1), "failing", this.clock.instant());
		assertThat(taken(this.second)).isEmpty();
		await().atMost(SEEN_WITHIN).until(() -> taken(this.first).isEmpty());
	}

	@Test
	void anOperatorsSqlIsSeenByEveryInstance() {
		assertThat(taken(this.first)).isEmpty();
		assertThat(taken(this.second)).isEmpty();

		this.jdbc.sql("""
				INSERT INTO webhook_endpoints (id, url, events, secret, created_at)
				VALUES (gen_random_uuid(), 'https://jobs.example.com/hook', '{call.missed}', 'whsec_test', now())
				""").update();

		await().atMost(SEEN_WITHIN)
			.until(() -> taken(this.first).contains("call.missed") && taken(this.second).contains("call.missed"));

		this.jdbc.sql("DELETE FROM webhook_endpoints").update();

		await().atMost(SEEN_WITHIN).until(() -> taken(this.first).isEmpty() && taken(this.second).isEmpty());
	}

	private static java.util.Set<String> taken(SecondInstance instance) {
		return instance.bean(WebhookEndpointRepository.class).takenTypes();
	}

}
