package com.leadresponse.webhook;

import java.time.Clock;
import java.time.Instant;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;
import com.leadresponse.system.Timestamps;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes processed-webhook records whose retention has passed (SPEC 5.4), webhook's
 * share of the periodic pass, in batches. A copy arriving later still stores no second
 * message: {@code messages.provider_sid} is unique.
 */
@Component
@Order(30)
class WebhookRecordCleanup implements PeriodicTask {

	static final String CLEANED_METRIC = "webhooks.cleaned";

	private static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MeterRegistry meters;

	WebhookRecordCleanup(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.meters = meters;
		meters.counter(CLEANED_METRIC);
	}

	@Override
	public void run(PassReport report) {
		Instant now = this.clock.instant();
		int total = 0;
		int removed;
		do {
			removed = this.jdbc.sql("""
					DELETE FROM processed_webhooks WHERE id IN
					  (SELECT id FROM processed_webhooks WHERE expires_at <= :now LIMIT :batch FOR UPDATE SKIP LOCKED)
					""").param("now", Timestamps.of(now)).param("batch", BATCH).update();
			total += removed;
		}
		while (removed == BATCH);
		this.meters.counter(CLEANED_METRIC).increment(total);
		report.count(PassReport.WEBHOOK_RECORDS_REMOVED, total);
	}

}
