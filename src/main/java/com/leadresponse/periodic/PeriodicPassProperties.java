package com.leadresponse.periodic;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The periodic pass: how often it runs inside the service (and its frequent tasks between
 * passes), whether it does ({@code CRON_SCHEDULER_ENABLED=false} leaves it to an external
 * scheduler), and the bearer token of the cron endpoint ({@code CRON_SECRET}; the
 * endpoint answers 404 while it is unset). The secret never appears in
 * {@link #toString()}.
 */
@Validated
@ConfigurationProperties("lead-response.periodic-pass")
public record PeriodicPassProperties(String cronSecret, @DefaultValue("true") boolean schedulerEnabled,
		@NotNull @DefaultValue("60s") Duration interval, @NotNull @DefaultValue("5s") Duration frequentInterval) {

	@Override
	public String toString() {
		return "PeriodicPassProperties[schedulerEnabled=" + this.schedulerEnabled + ", interval=" + this.interval + "]";
	}

}
