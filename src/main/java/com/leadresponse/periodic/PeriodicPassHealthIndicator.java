package com.leadresponse.periodic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the periodic pass (health component {@code periodicPass}): while the
 * in-process scheduler is on, DOWN once no pass has completed within three intervals (a
 * pass that keeps failing, a database that keeps refusing), so a load balancer stops
 * sending traffic to an instance whose follow-ups have stalled. With
 * {@code CRON_SCHEDULER_ENABLED=false} an external scheduler owns the passes and this
 * reports UP.
 */
@Component
class PeriodicPassHealthIndicator implements HealthIndicator {

	static final int ALLOWED_INTERVALS = 3;

	private final PeriodicPass pass;

	private final PeriodicPassProperties properties;

	private final Clock clock;

	private final Instant startedAt;

	PeriodicPassHealthIndicator(PeriodicPass pass, PeriodicPassProperties properties, Clock clock) {
		this.pass = pass;
		this.properties = properties;
		this.clock = clock;
		this.startedAt = clock.instant();
	}

	@Override
	public Health health() {
		if (!this.properties.schedulerEnabled()) {
			return Health.up().withDetail("scheduler", "external (CRON_SCHEDULER_ENABLED=false)").build();
		}
		// The first pass runs one interval after start, so the start counts as a pass.
		Instant last = this.pass.lastCompletedAt().orElse(this.startedAt);
		Duration allowed = this.properties.interval().multipliedBy(ALLOWED_INTERVALS);
		Duration since = Duration.between(last, this.clock.instant());
		Health.Builder health = (since.compareTo(allowed) > 0) ? Health.down() : Health.up();
		return health.withDetail("lastCompletedPass", last.toString())
			.withDetail("allowedGap", allowed.toString())
			.build();
	}

}
