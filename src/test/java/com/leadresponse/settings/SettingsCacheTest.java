package com.leadresponse.settings;

import java.time.Duration;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.SecondInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The settings row's cache (SPEC 3: a change applies on every instance without a
 * restart): two instances that would keep their copy for an hour both drop it within a
 * second of a change made on one of them, or made with SQL by an operator.
 */
class SettingsCacheTest extends IntegrationTest {

	/** What the cache promises: a change is seen everywhere within this time. */
	private static final Duration SEEN_WITHIN = Duration.ofSeconds(1);

	private SecondInstance first;

	private SecondInstance second;

	@AfterEach
	void stopInstances() {
		if (this.first != null) {
			this.first.close();
		}
		if (this.second != null) {
			this.second.close();
		}
	}

	@Test
	void aChangeOnOneInstanceIsSeenByAnotherWhoseCopyWouldLastAnHour() {
		startTwoCachingInstances();
		assertThat(businessName(this.second)).isEqualTo("Our team");

		assertThat(this.first.http()
			.patchJson("/api/settings", "{\"businessName\": \"Lone Star Boring\"}", "Authorization", staffAuth())
			.status()).isEqualTo(200);

		await().atMost(SEEN_WITHIN).until(() -> businessName(this.second).equals("Lone Star Boring"));
		assertThat(businessName(this.first)).isEqualTo("Lone Star Boring");
	}

	@Test
	void anOperatorsSqlChangeIsSeenByEveryInstance() {
		startTwoCachingInstances();
		assertThat(businessName(this.first)).isEqualTo("Our team");
		assertThat(businessName(this.second)).isEqualTo("Our team");

		this.jdbc.sql("UPDATE settings SET business_name = 'Hill Country Drilling'").update();

		await().atMost(SEEN_WITHIN)
			.until(() -> businessName(this.first).equals("Hill Country Drilling")
					&& businessName(this.second).equals("Hill Country Drilling"));
	}

	private void startTwoCachingInstances() {
		this.first = SecondInstance.start(this.clock, twilio, "lead-response.settings.cache-ttl=1h");
		this.second = SecondInstance.start(this.clock, twilio, "lead-response.settings.cache-ttl=1h");
	}

	private String businessName(SecondInstance instance) {
		Http.Answer answer = instance.http().get("/api/settings", "Authorization", staffAuth());
		return answer.json().get("businessName").asString();
	}

}
