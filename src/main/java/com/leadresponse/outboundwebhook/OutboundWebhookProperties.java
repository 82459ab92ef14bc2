package com.leadresponse.outboundwebhook;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import com.leadresponse.jobs.Backoff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How outbound webhooks are delivered (SPEC 11): how long a receiver may take, the
 * backoff between attempts and its ceiling, how long an endpoint may fail before it is
 * disabled, how long a claimed delivery is leased to its instance, how much one pass
 * sends, and how long delivered events are kept in the log.
 */
@Validated
@ConfigurationProperties("lead-response.outbound-webhooks")
public record OutboundWebhookProperties(@NotNull @DefaultValue("5s") Duration connectTimeout,
		@NotNull @DefaultValue("10s") Duration requestTimeout, @NotNull @DefaultValue("30s") Duration initialBackoff,
		@NotNull @DefaultValue("1h") Duration maxBackoff, @NotNull @DefaultValue("5d") Duration disableAfter,
		@NotNull @DefaultValue("2m") Duration lease, @Min(1) @DefaultValue("4") int concurrency,
		@Min(1) @DefaultValue("100") int perEndpointPerPass, @Min(1) @DefaultValue("20") int maxEndpoints,
		@NotNull @DefaultValue("30d") Duration retention) {

	/** The wait after a delivery's attempt number {@code attempts} failed. */
	Duration delayAfter(int attempts) {
		Duration delay = new Backoff(this.initialBackoff, Integer.MAX_VALUE).delayAfter(attempts);
		return (delay.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : delay;
	}

}
