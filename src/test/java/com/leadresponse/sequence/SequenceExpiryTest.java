package com.leadresponse.sequence;

import java.time.Duration;
import java.util.UUID;

import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The expiry pass closes every expired sequence, in batches (SPEC 5.6). */
class SequenceExpiryTest extends IntegrationTest {

	@Test
	void everyExpiredSequenceIsClosedAsLostAcrossSeveralBatches() {
		this.jdbc.sql("UPDATE settings SET expiry_batch_size = 2").update();
		UUID[] expiring = { createLead("Ann One", "+15125550131"), createLead("Bob Two", "+15125550132"),
				createLead("Cy Three", "+15125550133") };
		awaitPipelineIdle();
		this.clock.advance(Duration.ofDays(1));
		UUID fresh = createLead("Dee Four", "+15125550138");
		awaitPipelineIdle();

		this.clock.advance(Duration.ofDays(29).plusMinutes(1));
		PeriodicTasks.PassResult pass = this.periodicTasks.runOnce();

		assertThat(pass.expired()).isEqualTo(3);
		for (UUID id : expiring) {
			assertThat(leadStatus(id)).isEqualTo("lost");
		}
		assertThat(leadStatus(fresh)).isNotEqualTo("lost");
		assertThat(count("SELECT count(*) FROM leads WHERE closed_reason = 'Sequence expired (30 days)'")).isEqualTo(3);
	}

}
