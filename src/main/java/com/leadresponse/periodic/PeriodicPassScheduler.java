package com.leadresponse.periodic;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the periodic pass inside the service every interval, and its frequent tasks every
 * few seconds, on each instance (SPEC 3); off with {@code CRON_SCHEDULER_ENABLED=false}
 * for deployments with an external scheduler. The cadence is real time: a pass every
 * minute whatever the clock says.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnBooleanProperty(name = "lead-response.periodic-pass.scheduler-enabled", matchIfMissing = true)
class PeriodicPassScheduler implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(PeriodicPassScheduler.class);

	private final PeriodicPass pass;

	private final PeriodicPassProperties properties;

	PeriodicPassScheduler(PeriodicPass pass, PeriodicPassProperties properties) {
		this.pass = pass;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		Duration interval = this.properties.interval();
		Duration frequent = this.properties.frequentInterval();
		registrar.addFixedDelayTask(
				new FixedDelayTask(() -> guarded(this.pass::runOnce, "Periodic pass"), interval, interval));
		registrar.addFixedDelayTask(
				new FixedDelayTask(() -> guarded(this.pass::runFrequent, "Frequent tasks"), frequent, frequent));
	}

	private static void guarded(Runnable work, String what) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			// A database that is briefly down fails one pass; the next pass retries.
			log.warn("{} failed: {}", what, ex.getMessage());
		}
	}

}
