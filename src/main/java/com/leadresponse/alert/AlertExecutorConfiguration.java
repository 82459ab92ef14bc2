package com.leadresponse.alert;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The threads that deliver staff alerts, outside every request and transaction. */
@Configuration(proxyBeanMethods = false)
class AlertExecutorConfiguration {

	@Bean
	ThreadPoolTaskExecutor alertExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setThreadNamePrefix("alert-");
		executor.setCorePoolSize(2);
		executor.setMaxPoolSize(2);
		executor.setQueueCapacity(10_000);
		// Graceful shutdown: deliveries under way finish and record their outcome.
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(30);
		return executor;
	}

}
