package com.leadresponse.outboundwebhook;

import java.time.Clock;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps the delivery log bounded: delivered deliveries older than the retention (30 days)
 * are removed by the periodic pass, with the events nothing needs any more. Undelivered
 * ones stay until they are delivered or their endpoint is deleted.
 */
@Component
@Order(65)
class WebhookLogRetention implements PeriodicTask {

	static final String REMOVED = "webhook deliveries removed";

	private final WebhookOutboxRepository outbox;

	private final OutboundWebhookProperties properties;

	private final Clock clock;

	WebhookLogRetention(WebhookOutboxRepository outbox, OutboundWebhookProperties properties, Clock clock) {
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void run(PassReport report) {
		report.count(REMOVED,
				this.outbox.removeDeliveredBefore(this.clock.instant().minus(this.properties.retention())));
	}

}
