package com.leadresponse.calls;

import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.leadresponse.sms.ProviderCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** The background task {@code missed-call-text}: one run of {@link MissedCallText}. */
@Component
class MissedCallTextTask {

	private static final Logger log = LoggerFactory.getLogger(MissedCallTextTask.class);

	private final ProviderCalls provider;

	/**
	 * Looked up when the task runs: the decision reaches the sending pipeline, which
	 * schedules tasks of its own, so it cannot be built before the scheduler's tasks.
	 */
	private final ObjectProvider<MissedCallText> texts;

	MissedCallTextTask(ProviderCalls provider, ObjectProvider<MissedCallText> texts) {
		this.provider = provider;
		this.texts = texts;
	}

	@Bean
	CustomTask<String> missedCallTextTaskDefinition() {
		return Tasks.custom(MissedCallText.TASK)
			.onFailure(this.provider.backoff()
				.failureHandler((complete, attempts) -> log.warn(
						"Gave up deciding the missed-call text of call {} after {} failed attempts",
						complete.getExecution().taskInstance.getId(), attempts)))
			.execute((instance, context) -> this.texts.getObject().run(UUID.fromString(instance.getData())));
	}

}
