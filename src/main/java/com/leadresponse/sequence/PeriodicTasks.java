package com.leadresponse.sequence;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.leadresponse.alert.StaffAlerts;
import com.leadresponse.sms.Deliveries;
import com.leadresponse.webhook.WebhookDeduplicator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * One pass of every periodic task (SPEC 3 cron): close expired sequences, send due
 * follow-ups, remove expired webhook records, settle the sending pipeline and deliver
 * staff alerts left in their outbox. Safe to run on several instances at once: each step
 * claims its rows with SKIP LOCKED.
 */
@Service
public class PeriodicTasks {

	private static final Logger log = LoggerFactory.getLogger(PeriodicTasks.class);

	/** The cron answer: follow-ups sent, sequences closed, webhook records removed. */
	public record PassResult(int processed, int expired, int cleaned, Instant timestamp) {
	}

	private final SequenceExpiry expiry;

	private final FollowUps followUps;

	private final WebhookDeduplicator webhooks;

	private final Deliveries deliveries;

	private final StaffAlerts alerts;

	private final Clock clock;

	/** When the last pass finished, for the scheduler's readiness check. */
	private volatile Instant lastCompletedAt;

	PeriodicTasks(SequenceExpiry expiry, FollowUps followUps, WebhookDeduplicator webhooks, Deliveries deliveries,
			StaffAlerts alerts, Clock clock) {
		this.expiry = expiry;
		this.followUps = followUps;
		this.webhooks = webhooks;
		this.deliveries = deliveries;
		this.alerts = alerts;
		this.clock = clock;
	}

	public PassResult runOnce() {
		int expired = this.expiry.closeExpired();
		FollowUps.SweepResult sweep = this.followUps.sweep();
		int cleaned = this.webhooks.removeExpired();
		this.deliveries.settle();
		this.alerts.deliverDue();
		PassResult result = new PassResult(sweep.sent(), expired + sweep.expired(), cleaned, this.clock.instant());
		this.lastCompletedAt = result.timestamp();
		if (result.processed() + result.expired() + result.cleaned() > 0) {
			log.info("Periodic pass: {} follow-ups sent, {} sequences expired, {} webhook records removed",
					result.processed(), result.expired(), result.cleaned());
		}
		return result;
	}

	/** When a pass last ran to the end, on this instance; empty before the first. */
	Optional<Instant> lastCompletedAt() {
		return Optional.ofNullable(this.lastCompletedAt);
	}

}
