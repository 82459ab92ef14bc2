package com.leadresponse.settings;

import java.util.UUID;

import com.leadresponse.support.SecondInstance;
import com.leadresponse.support.TwoCachingInstancesTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whether anyone takes new leads in turn (SPEC 11) is kept by each instance (issue 16: no
 * statement for it in every intake where nobody does), and a change is seen everywhere
 * within a second though each copy would last an hour: an account that starts or stops
 * taking leads, is turned off, or is changed by an operator's SQL.
 */
class LeadTakersCacheTest extends TwoCachingInstancesTest {

	@AfterEach
	void removeTheTestsAccounts() {
		this.jdbc.sql("DELETE FROM users WHERE email LIKE 'takers-%@example.com'").update();
	}

	@Test
	void aStaffMemberWhoStartsOrStopsTakingLeadsIsSeenOnBothInstances() {
		UUID staff = anEnabledAccount();
		assertThat(anyTakes(this.first)).isFalse();
		assertThat(anyTakes(this.second)).isFalse();

		this.first.bean(StaffAccounts.class).setTakesNewLeads(staff, true);

		// The instance that made the change sees it at once, without the notification.
		assertThat(anyTakes(this.first)).isTrue();
		await().atMost(SEEN_WITHIN).until(() -> anyTakes(this.second));

		this.second.bean(UserRepository.class).setEnabled(staff, false);
		assertThat(anyTakes(this.second)).isFalse();
		await().atMost(SEEN_WITHIN).until(() -> !anyTakes(this.first));
	}

	@Test
	void anOperatorsSqlIsSeenByEveryInstance() {
		UUID staff = anEnabledAccount();
		assertThat(anyTakes(this.first)).isFalse();
		assertThat(anyTakes(this.second)).isFalse();

		this.jdbc.sql("UPDATE users SET takes_new_leads = true WHERE id = :id").param("id", staff).update();

		await().atMost(SEEN_WITHIN).until(() -> anyTakes(this.first) && anyTakes(this.second));

		this.jdbc.sql("UPDATE users SET takes_new_leads = false").update();

		await().atMost(SEEN_WITHIN).until(() -> !anyTakes(this.first) && !anyTakes(this.second));
	}

	/**
	 * An account of this test's own: the others' accounts stay as every test needs them.
	 */
	private UUID anEnabledAccount() {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO users (id, email, name, password_hash, role, created_at)
				VALUES (:id, :email, 'Cache Test', 'not-a-hash', 'agent', now())
				""").param("id", id).param("email", "takers-" + id + "@example.com").update();
		return id;
	}

	private static boolean anyTakes(SecondInstance instance) {
		return instance.bean(UserRepository.class).anyTakesNewLeads();
	}

}
