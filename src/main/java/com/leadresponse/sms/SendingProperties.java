package com.leadresponse.sms;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import com.leadresponse.jobs.Backoff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the sending pipeline retries and recovers (SPEC 5.9): attempts for failures the
 * provider surely did not accept, their first backoff, how long a send may stay
 * {@code sending} before it is reconciled, and how many provider calls run at once.
 */
@Validated
@ConfigurationProperties("lead-response.sending")
public record SendingProperties(@Min(1) @DefaultValue("5") int maxAttempts,
		@NotNull @DefaultValue("2s") Duration initialBackoff, @NotNull @DefaultValue("2m") Duration reconcileAfter,
		@Min(1) @DefaultValue("8") int concurrency) {

	/** The retry policy of every provider call: messages and staff alerts alike. */
	public Backoff backoff() {
		return new Backoff(this.initialBackoff, this.maxAttempts);
	}

}
