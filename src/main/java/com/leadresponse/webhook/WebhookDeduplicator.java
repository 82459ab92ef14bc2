package com.leadresponse.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

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
 * processed. Records are kept for the webhook retention ({@link WebhookRecordCleanup}).
 */
@Component
public class WebhookDeduplicator {

	static final String INBOUND = "twilio_inbound";

	static final String STATUS = "twilio_status";

	/** An incoming call, by {@code CallSid} (SPEC 8). */
	public static final String VOICE = "twilio_voice";

	/** The end of a call's {@code <Dial>}, by {@code CallSid:DialCallStatus} (SPEC 8). */
	public static final String DIAL = "twilio_dial";

	/** A voicemail's recording status callback, by {@code RecordingSid} (SPEC 8). */
	public static final String RECORDING = "twilio_recording";

	static final String DEDUPLICATED_METRIC = "webhooks.deduplicated";

	private final JdbcClient jdbc;

	private final WebhookSettings settings;

	private final Clock clock;

	private final MeterRegistry meters;

	WebhookDeduplicator(JdbcClient jdbc, WebhookSettings settings, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
		// Registered up front so that dashboards see a zero rather than no series.
		for (String type : new String[] { INBOUND, STATUS, VOICE, DIAL, RECORDING }) {
			meters.counter(DEDUPLICATED_METRIC, "type", type);
		}
	}

	/** Claims a webhook for processing; false when another copy already has it. */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean claim(String webhookId, String type) {
		Instant now = this.clock.instant();
		Duration retention = this.settings.retention();
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
			.param("expiresAt", Timestamps.of(now.plus(retention)))
			.update() == 1;
		if (!claimed) {
			this.meters.counter(DEDUPLICATED_METRIC, "type", type).increment();
		}
		return claimed;
	}

}
