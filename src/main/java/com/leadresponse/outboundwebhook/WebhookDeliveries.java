package com.leadresponse.outboundwebhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import com.leadresponse.outboundwebhook.WebhookOutboxRepository.Claimed;
import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox (SPEC 11), as a frequent task of the periodic pass on every
 * instance: each endpoint with due work gets one worker of a small pool, so a slow or
 * dead receiver holds one worker for one timeout and never the others, and the pass
 * itself never waits for a receiver. A worker claims the heads of its endpoint's lead
 * queues, posts them in turn, and records each outcome; at the first failure it stops,
 * and what it had claimed waits with the failed one. No database transaction is open
 * while a receiver is called.
 */
@Component
@Order(42)
class WebhookDeliveries implements PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

	static final String ENDPOINTS_WORKED = "webhook endpoints worked";

	/** Heads claimed at once by a worker: its endpoint's next few leads. */
	private static final int CLAIM_BATCH = 10;

	private final WebhookOutboxRepository outbox;

	private final WebhookEndpointRepository endpoints;

	private final WebhookSender sender;

	private final OutboundWebhookProperties properties;

	private final TransactionTemplate transaction;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ExecutorService workers;

	private final Set<UUID> busy = ConcurrentHashMap.newKeySet();

	WebhookDeliveries(WebhookOutboxRepository outbox, WebhookEndpointRepository endpoints, WebhookSender sender,
			OutboundWebhookProperties properties, TransactionTemplate transaction, ApplicationEventPublisher events,
			Clock clock) {
		this.outbox = outbox;
		this.endpoints = endpoints;
		this.sender = sender;
		this.properties = properties;
		this.transaction = transaction;
		this.events = events;
		this.clock = clock;
		AtomicInteger threads = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(properties.concurrency(), (runnable) -> {
			Thread thread = new Thread(runnable, "outbound-webhook-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@PreDestroy
	void stop() {
		this.workers.shutdownNow();
	}

	@Override
	public boolean frequent() {
		return true;
	}

	@Override
	public void run(PassReport report) {
		for (UUID endpoint : this.outbox.endpointsWithDueWork(this.clock.instant())) {
			// One worker per endpoint on this instance: a pass never waits for receivers,
			// and an endpoint still being worked is left to its worker.
			if (!this.busy.add(endpoint)) {
				continue;
			}
			report.count(ENDPOINTS_WORKED, 1);
			this.workers.execute(() -> {
				try {
					deliverDue(endpoint);
				}
				catch (RuntimeException ex) {
					// The database failed under the worker: the leases end and the next
					// pass takes its claims again.
					log.warn("Outbound webhook delivery to endpoint {} failed: {}", endpoint, ex.getMessage());
				}
				finally {
					this.busy.remove(endpoint);
				}
			});
		}
	}

	/**
	 * One endpoint's due work, up to the pass's share; answers how many were delivered.
	 */
	private int deliverDue(UUID endpointId) {
		Optional<WebhookEndpoint> endpoint = this.endpoints.find(endpointId);
		Optional<String> secret = this.endpoints.secret(endpointId);
		if (endpoint.isEmpty() || secret.isEmpty() || !endpoint.get().enabled()) {
			return 0;
		}
		int delivered = 0;
		int attempted = 0;
		while (attempted < this.properties.perEndpointPerPass()) {
			Instant now = this.clock.instant();
			List<Claimed> claimed = this.outbox.claimHeads(endpointId,
					Math.min(CLAIM_BATCH, this.properties.perEndpointPerPass() - attempted), now,
					now.plus(this.properties.lease()));
			if (claimed.isEmpty()) {
				return delivered;
			}
			for (int i = 0; i < claimed.size(); i++) {
				attempted++;
				if (!deliver(endpoint.get(), secret.get(), claimed.get(i), claimed.subList(i + 1, claimed.size()))) {
					return delivered;
				}
				delivered++;
			}
		}
		return delivered;
	}

	/**
	 * Posts one delivery and records what came of it; false when it failed (the rest of
	 * the worker's claims are released to wait with it).
	 */
	private boolean deliver(WebhookEndpoint endpoint, String secret, Claimed delivery, List<Claimed> rest) {
		WebhookSender.Outcome outcome = this.sender.post(endpoint.url(), secret, delivery.eventId(), delivery.body(),
				this.clock.instant());
		Instant now = this.clock.instant();
		if (outcome instanceof WebhookSender.Outcome.Delivered ok) {
			this.transaction.executeWithoutResult((tx) -> {
				this.outbox.delivered(delivery, ok.status(), now);
				this.endpoints.succeeded(endpoint.id());
			});
			return true;
		}
		Integer status = (outcome instanceof WebhookSender.Outcome.Refused refused) ? refused.status() : null;
		String error = (outcome instanceof WebhookSender.Outcome.Unreachable unreachable) ? unreachable.reason()
				: "Answered HTTP " + status;
		Instant next = now.plus(this.properties.delayAfter(delivery.attempts()));
		this.transaction.executeWithoutResult((tx) -> {
			this.outbox.failed(delivery, status, error, next);
			rest.forEach((other) -> this.outbox.release(other, next));
			this.endpoints.failed(endpoint.id(), now);
			this.endpoints
				.disableIfFailingSince(endpoint.id(), now.minus(this.properties.disableAfter()),
						"Every attempt failed for " + describe(this.properties.disableAfter()) + "; the last: " + error,
						now)
				.ifPresent(
						(disabled) -> this.events.publishEvent(new OutboundWebhookEvents.EndpointDisabled(disabled.id(),
								disabled.url(), disabled.disabledReason())));
		});
		log.info("Webhook {} to endpoint {} failed (attempt {}): {}", delivery.eventId(), endpoint.id(),
				delivery.attempts(), error);
		return false;
	}

	private static String describe(Duration duration) {
		long days = duration.toDays();
		return (days > 0 && duration.equals(Duration.ofDays(days))) ? days + " days"
				: duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
