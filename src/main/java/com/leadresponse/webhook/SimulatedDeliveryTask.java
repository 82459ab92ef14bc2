package com.leadresponse.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.leadresponse.sms.ProviderCalls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/** The simulator's delivery report of one text, posted as Twilio would post it. */
@Component
class SimulatedDeliveryTask {

	private final ProviderCalls provider;

	/**
	 * Looked up when a report is posted: the handler reaches the sending pipeline, which
	 * schedules tasks of its own, so it cannot be built before the scheduler's tasks.
	 */
	private final ObjectProvider<StatusCallbackHandler> callbacks;

	SimulatedDeliveryTask(ProviderCalls provider, ObjectProvider<StatusCallbackHandler> callbacks) {
		this.provider = provider;
		this.callbacks = callbacks;
	}

	@Bean
	OneTimeTask<String> simulatedDeliveryReport() {
		return Tasks.oneTime(SimulatedDelivery.TASK).execute((instance, context) -> deliver(instance.getData()));
	}

	/** The callback Twilio would post for a delivered text. */
	void deliver(String sid) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("MessageSid", sid);
		params.put("SmsSid", sid);
		params.put("MessageStatus", "delivered");
		params.put("SmsStatus", "delivered");
		params.put("From", this.provider.sender());
		params.put("ApiVersion", "2010-04-01");
		this.callbacks.getObject().handle(params);
	}

}
