package com.leadresponse.sms;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.leadresponse.sms.OutboxRepository.Waiting;

import org.springframework.stereotype.Component;

/**
 * Texts that wait for their moment under the rate limit (SPEC 3 {@code whenAllowed}): a
 * staff text refused only for being too soon is stored {@code queued} without a slot,
 * with the release that reserves its slot at the allowed moment
 * ({@link ScheduledTextRelease}); staff may take it back until then.
 */
@Component
class ScheduledTexts {

	/** The release of one waiting text; its instance id and data are the message's id. */
	static final TaskDescriptor<String> TASK = TaskDescriptor.of("scheduled-text", String.class);

	private final OutboxRepository outbox;

	private final SchedulerClient scheduler;

	ScheduledTexts(OutboxRepository outbox, SchedulerClient scheduler) {
		this.outbox = outbox;
		this.scheduler = scheduler;
	}

	/**
	 * In the transaction that stores the waiting text: its release exists exactly when
	 * the text does.
	 */
	void scheduleRelease(UUID messageId, Instant at) {
		this.scheduler.schedule(TASK.instance(messageId.toString()).data(messageId.toString()).scheduledTo(at));
	}

	/**
	 * Takes back a waiting text of this lead; false when its slot was already reserved
	 * (it is on its way) or there is no such text. The row lock orders it with the
	 * release: one of the two finds the text.
	 */
	boolean cancel(UUID leadId, UUID messageId) {
		Optional<Waiting> waiting = this.outbox.lockWaiting(messageId).filter((w) -> w.leadId().equals(leadId));
		waiting.ifPresent((w) -> this.outbox.deleteWaiting(w.id()));
		return waiting.isPresent();
	}

}
