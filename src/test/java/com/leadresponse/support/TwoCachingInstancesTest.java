package com.leadresponse.support;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two more instances of the product on the test database whose per-instance copies
 * ({@code lead-response.caches.ttl}) would last an hour, for the tests that a change made
 * on one instance, on the other, or by SQL is seen everywhere within {@link #SEEN_WITHIN}
 * all the same (issue 16: the copies are dropped by {@code NOTIFY}).
 */
public abstract class TwoCachingInstancesTest extends IntegrationTest {

	/** What every per-instance copy promises: a change is seen everywhere within this. */
	protected static final Duration SEEN_WITHIN = Duration.ofSeconds(1);

	protected SecondInstance first;

	protected SecondInstance second;

	@BeforeEach
	void startTwoCachingInstances() {
		this.first = SecondInstance.start(this.clock, twilio, "lead-response.caches.ttl=1h");
		this.second = SecondInstance.start(this.clock, twilio, "lead-response.caches.ttl=1h");
	}

	@AfterEach
	void stopTwoCachingInstances() {
		this.first.close();
		this.second.close();
	}

}
