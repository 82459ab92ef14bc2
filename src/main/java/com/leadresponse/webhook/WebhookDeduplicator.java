package com.leadresponse.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.leadresponse.settings.Settings;
import com.leadresponse.settings.SettingsService;
import com.leadresponse.system.Timestamps;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook idempotency (SPEC 5.4): a webhook is claimed with an atomic insert in the same
 * transaction as all its effects. A concurrent copy waits on the unique key and then
 * finds it taken; a copy that fails mid-way rolls its claim back, so Twilio's retry is
 * processed.
 */
@Component
public class WebhookDeduplicator {

	static final String INBOUND = "twilio_inbound";

	static final String STATUS = "twilio_status";

	private static final int CLEANUP_BATCH = 1000;

	static final String DEDUPLICATED_METRIC = "webhooks.deduplicated";

	static final String CLEANED_METRIC = "webhooks.cleaned";

	private final JdbcClient jdbc;

	private final SettingsService settings;

	private final Clock clock;

	private final MeterRegistry meters;

	WebhookDeduplicator(JdbcClient jdbc, SettingsService settings, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
		// Registered up front so that dashboards see a zero rather than no series.
		meters.counter(DEDUPLICATED_METRIC, "type", INBOUND);
		meters.counter(DEDUPLICATED_METRIC, "type", STATUS);
		meters.counter(CLEANED_METRIC);
	}

	/** Claims a webhook for processing; false when another copy already has it. */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean claim(String webhookId, String type) {
		return claim(webhookId, type, this.settings.current());
	}

	/**
	 * As {@link #claim(String, String)}, with the settings the caller has already read in
	 * this transaction (one read of the settings row per webhook, not two).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean claim(String webhookId, String type, Settings settings) {
		Instant now = this.clock.instant();
		// SPEC 5.4: claim with an atomic insert, never check-then-insert.
		boolean claimed = this.jdbc.sql("""
				INSERT INTO processed_webhooks (id, webhook_id, webhook_type, processed_at, expires_at)
				VALUES (:id, :webhookId, :type, :now, :expiresAt)
				ON CONFLICT (webhook_id) DO NOTHING
				""")
			.param("id", UUID.randomUUID())
			.param("webhookId", webhookId)
			.param("type", type)
			.param("now", Timestamps.of(now))
			.param("expiresAt", Timestamps.of(now.plus(settings.webhookRetention())))
			.update() == 1;
		if (!claimed) {
			this.meters.counter(DEDUPLICATED_METRIC, "type", type).increment();
		}
		return claimed;
	}

	/** Removes expired records in batches (SPEC 5.4); answers how many. */
	public int removeExpired() {
		Instant now = this.clock.instant();
		int total = 0;
		int removed;
		do {
			removed = this.jdbc.sql("""
					DELETE FROM processed_webhooks WHERE id IN
					  (SELECT id FROM processed_webhooks WHERE expires_at <= :now LIMIT :batch FOR UPDATE SKIP LOCKED)
					""").param("now", Timestamps.of(now)).param("batch", CLEANUP_BATCH).update();
			total += removed;
		}
		while (removed == CLEANUP_BATCH);
		this.meters.counter(CLEANED_METRIC).increment(total);
		return total;
	}

}
