package com.leadresponse.webhook;

import java.time.Clock;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.leadresponse.sms.ProviderCalls;
import com.leadresponse.sms.SmsEvents;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * In simulator mode, a text the simulator accepted is delivered a moment later through
 * the status callback's own code path ({@link StatusCallbackHandler}), as Twilio would
 * call back, so staff see the whole life of a message (SPEC 6). The callback is a
 * background task ({@link SimulatedDeliveryTask}) scheduled with the acceptance, so it is
 * never lost nor run for a send that rolled back.
 */
@Component
class SimulatedDelivery {

	/** How long after its acceptance the simulator reports a text delivered. */
	@Validated
	@ConfigurationProperties("lead-response.simulator")
	record Properties(@NotNull @DefaultValue("3s") Duration deliveryDelay) {
	}

	static final TaskDescriptor<String> TASK = TaskDescriptor.of("simulated-delivery", String.class);

	private final ProviderCalls provider;

	private final SchedulerClient scheduler;

	private final Properties properties;

	private final Clock clock;

	SimulatedDelivery(ProviderCalls provider, SchedulerClient scheduler, Properties properties, Clock clock) {
		this.provider = provider;
		this.scheduler = scheduler;
		this.properties = properties;
		this.clock = clock;
	}

	@EventListener
	void onMessagesSent(SmsEvents.MessagesSent event) {
		if (this.provider.simulated()) {
			event.messages()
				.forEach((sent) -> this.scheduler.schedule(TASK.instance(sent.providerSid())
					.data(sent.providerSid())
					.scheduledTo(this.clock.instant().plus(this.properties.deliveryDelay()))));
		}
	}

}
