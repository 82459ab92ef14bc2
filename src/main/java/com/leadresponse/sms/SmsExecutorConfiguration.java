package com.leadresponse.sms;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The threads that call the provider, outside every request and transaction. */
@Configuration(proxyBeanMethods = false)
class SmsExecutorConfiguration {

	@Bean
	ThreadPoolTaskExecutor smsExecutor(SendingProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("sms-");
		executor.setCorePoolSize(properties.concurrency());
		executor.setMaxPoolSize(properties.concurrency());
		executor.setQueueCapacity(10_000);
		// Graceful shutdown: provider calls under way finish and record their outcome.
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(30);
		return executor;
	}

}
