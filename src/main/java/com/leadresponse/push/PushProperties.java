package com.leadresponse.push;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import com.leadresponse.jobs.Backoff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** How Web Push retries a push service that is busy or down. */
@Validated
@ConfigurationProperties("lead-response.push")
record PushProperties(@Min(1) @DefaultValue("5") int maxAttempts,
		@NotNull @DefaultValue("5s") Duration initialBackoff) {

	Backoff backoff() {
		return new Backoff(this.initialBackoff, this.maxAttempts);
	}

}
