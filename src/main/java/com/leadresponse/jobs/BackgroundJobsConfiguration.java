package com.leadresponse.jobs;

import java.time.Clock;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.boot.autoconfigure.Jackson3Serializer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.serializer.Serializer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * db-scheduler as the product runs it (its Spring Boot starter does the rest, including
 * the transaction-aware data source that makes scheduling part of the caller's
 * transaction): the product's one clock, so tests move time for background work as for
 * everything else (SPEC 5.13), and task data stored as readable JSON.
 */
@Configuration(proxyBeanMethods = false)
class BackgroundJobsConfiguration {

	@Bean("dbSchedulerClock")
	com.github.kagkarlsson.scheduler.Clock dbSchedulerClock(Clock clock) {
		return clock::instant;
	}

	@Bean
	DbSchedulerCustomizer dbSchedulerCustomizer() {
		return new DbSchedulerCustomizer() {
			@Override
			public Optional<Serializer> serializer() {
				return Optional.of(new Jackson3Serializer());
			}
		};
	}

}
