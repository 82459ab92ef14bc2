package com.leadresponse.sequence;

import com.leadresponse.alert.StaffAlerts;
import com.leadresponse.sms.Deliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the periodic tasks inside the service every minute (SPEC 3), and the delivery
 * retries (messages and staff alerts) every few seconds; off with
 * {@code CRON_SCHEDULER_ENABLED=false} for deployments with an external scheduler.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "cron.scheduler-enabled", havingValue = "true", matchIfMissing = true)
class PeriodicTaskScheduler {

	private static final Logger log = LoggerFactory.getLogger(PeriodicTaskScheduler.class);

	private final PeriodicTasks tasks;

	private final Deliveries deliveries;

	private final StaffAlerts alerts;

	PeriodicTaskScheduler(PeriodicTasks tasks, Deliveries deliveries, StaffAlerts alerts) {
		this.tasks = tasks;
		this.deliveries = deliveries;
		this.alerts = alerts;
	}

	@Scheduled(fixedDelayString = "${cron.interval:60s}", initialDelayString = "${cron.interval:60s}")
	void periodicPass() {
		try {
			this.tasks.runOnce();
		}
		catch (RuntimeException ex) {
			// A database that is briefly down fails one pass; the next pass retries.
			log.warn("Periodic pass failed: {}", ex.getMessage());
		}
	}

	@Scheduled(fixedDelayString = "${cron.delivery-interval:5s}", initialDelayString = "${cron.delivery-interval:5s}")
	void deliveryPass() {
		try {
			this.deliveries.settle();
			this.alerts.deliverDue();
		}
		catch (RuntimeException ex) {
			log.warn("Delivery pass failed: {}", ex.getMessage());
		}
	}

}
