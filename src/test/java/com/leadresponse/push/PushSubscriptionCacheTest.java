package com.leadresponse.push;

import java.util.List;
import java.util.UUID;

import com.leadresponse.support.SecondInstance;
import com.leadresponse.support.TwoCachingInstancesTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whom a reply notifies is kept by each instance (issue 16: no statement for it in every
 * webhook), and a change is seen everywhere within a second though each copy would last
 * an hour: a subscription added or removed on one instance, or an account turned off by
 * an operator's SQL.
 */
class PushSubscriptionCacheTest extends TwoCachingInstancesTest {

	private UUID admin;

	@BeforeEach
	void findTheAdmin() {
		this.admin = this.jdbc.sql("SELECT id FROM users WHERE lower(email) = lower(:e)")
			.param("e", ADMIN_EMAIL)
			.query(UUID.class)
			.single();
	}

	@Test
	void aSubscriptionMadeOrRemovedOnOneInstanceIsSeenOnTheOtherWithinASecond() {
		assertThat(endpoints(this.first)).isEmpty();
		assertThat(endpoints(this.second)).isEmpty();

		this.first.bean(PushSubscriptionRepository.class)
			.save(this.admin, "https://push.example.com/a", "p256dh", "auth", this.clock.instant());

		assertThat(endpoints(this.first)).containsExactly("https://push.example.com/a");
		await().atMost(SEEN_WITHIN).until(() -> endpoints(this.second).contains("https://push.example.com/a"));
		assertThat(this.second.bean(PushSubscriptionRepository.class).ofStaffMember(this.admin)).hasSize(1);

		this.second.bean(PushSubscriptionRepository.class).deleteEndpoint(this.admin, "https://push.example.com/a");

		assertThat(endpoints(this.second)).isEmpty();
		await().atMost(SEEN_WITHIN).until(() -> endpoints(this.first).isEmpty());
	}

	@Test
	void anAccountTurnedOffBySqlIsNotifiedNoMoreOnAnyInstance() {
		this.first.bean(PushSubscriptionRepository.class)
			.save(this.admin, "https://push.example.com/a", "p256dh", "auth", this.clock.instant());
		await().atMost(SEEN_WITHIN)
			.until(() -> endpoints(this.first).size() == 1 && endpoints(this.second).size() == 1);

		this.jdbc.sql("UPDATE users SET enabled = false WHERE id = :id").param("id", this.admin).update();
		try {
			await().atMost(SEEN_WITHIN)
				.until(() -> endpoints(this.first).isEmpty() && endpoints(this.second).isEmpty());
		}
		finally {
			this.jdbc.sql("UPDATE users SET enabled = true WHERE id = :id").param("id", this.admin).update();
		}
		await().atMost(SEEN_WITHIN)
			.until(() -> endpoints(this.first).size() == 1 && endpoints(this.second).size() == 1);
	}

	private static List<String> endpoints(SecondInstance instance) {
		return instance.bean(PushSubscriptionRepository.class)
			.ofEnabledStaff()
			.stream()
			.map(PushSubscriptionRepository.Subscription::endpoint)
			.toList();
	}

}
