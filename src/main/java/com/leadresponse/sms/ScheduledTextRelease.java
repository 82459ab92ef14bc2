package com.leadresponse.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.sms.OutboxRepository.Waiting;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The release of texts that wait for their moment under the rate limit (SPEC 3
 * {@code whenAllowed}): a staff text refused only for being too soon is stored
 * {@code queued} without a slot, and the background task {@code scheduled-text} reserves
 * its slot at the allowed moment with the same atomic step as every other text
 * ({@link RateLimiter}), so across instances it can never go closer than the minimum
 * interval to another. Someone who texted first moves it to the next allowed moment; the
 * daily limit or an opt-out reached meanwhile block it with the reason; staff may take it
 * back until its slot is reserved.
 */
@Component
class ScheduledTextRelease {

	private static final Logger log = LoggerFactory.getLogger(ScheduledTexts.class);

	private final OutboxRepository outbox;

	private final RateLimiter rateLimiter;

	private final SmsSettings settings;

	private final BusinessSettings business;

	private final MessageDispatcher dispatcher;

	private final TransactionTemplate transactions;

	private final SendingProperties sending;

	private final MeterRegistry meters;

	private final Clock clock;

	ScheduledTextRelease(OutboxRepository outbox, RateLimiter rateLimiter, SmsSettings settings,
			BusinessSettings business, MessageDispatcher dispatcher, TransactionTemplate transactions,
			SendingProperties sending, MeterRegistry meters, Clock clock) {
		this.outbox = outbox;
		this.rateLimiter = rateLimiter;
		this.settings = settings;
		this.business = business;
		this.dispatcher = dispatcher;
		this.transactions = transactions;
		this.sending = sending;
		this.meters = meters;
		this.clock = clock;
	}

	@Bean
	CustomTask<String> scheduledTextTask() {
		return Tasks.custom(ScheduledTexts.TASK)
			.onFailure(
					this.sending.backoff()
						.failureHandler((complete, attempts) -> log.warn(
								"Gave up releasing scheduled text {} after {} attempts",
								complete.getExecution().taskInstance.getId(), attempts)))
			.execute((instance, context) -> release(UUID.fromString(instance.getData())));
	}

	/**
	 * One run of the task: reserve the text's slot now and send it, or wait for the next
	 * allowed moment, or block it for the limit that now refuses it.
	 */
	CompletionHandler<String> release(UUID messageId) {
		Instant now = this.clock.instant();
		Optional<Instant> later = this.transactions.execute((tx) -> {
			Optional<Waiting> found = this.outbox.lockWaiting(messageId);
			if (found.isEmpty()) {
				// Taken back by staff, or released by an earlier run.
				return Optional.<Instant>empty();
			}
			Waiting waiting = found.get();
			if (waiting.scheduledFor().isAfter(now)) {
				return Optional.of(waiting.scheduledFor());
			}
			RateLimiter.Reservation reservation = this.rateLimiter.reserve(waiting.leadId(), now,
					this.settings.limits(), this.business.zone(), false);
			if (reservation instanceof RateLimiter.Reservation.Granted) {
				this.outbox.releaseScheduled(messageId, now);
				dispatchAfterCommit(messageId);
				return Optional.<Instant>empty();
			}
			if (reservation instanceof RateLimiter.Reservation.Denied denied
					&& denied.limit() == RateLimiter.Limit.TOO_SOON) {
				this.outbox.reschedule(messageId, denied.nextAllowedAt(), now);
				return Optional.of(denied.nextAllowedAt());
			}
			String reason;
			String tag;
			if (reservation instanceof RateLimiter.Reservation.Denied denied) {
				reason = denied.reason();
				tag = denied.limit().tag();
			}
			else {
				reason = OptOuts.RECIPIENT_OPTED_OUT;
				tag = "opted_out";
			}
			this.outbox.blockWaiting(messageId, reason, now);
			countBlockedAfterCommit(tag);
			return Optional.<Instant>empty();
		});
		if (later != null && later.isPresent()) {
			Instant at = later.get();
			return (complete, operations) -> operations.reschedule(complete, at);
		}
		return (complete, operations) -> operations.remove();
	}

	private void dispatchAfterCommit(UUID messageId) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ScheduledTextRelease.this.dispatcher.dispatchSoon(messageId);
			}
		});
	}

	private void countBlockedAfterCommit(String tag) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ScheduledTextRelease.this.meters.counter(OutboundMessages.BLOCKED_METRIC, "reason", tag).increment();
			}
		});
	}

}
