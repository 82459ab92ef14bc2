package com.leadresponse.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import com.leadresponse.sms.MessageRepository.Claimed;
import com.leadresponse.sms.SmsGateway.OutboundSms;
import com.leadresponse.sms.SmsGateway.SendOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued messages in three phases (SPEC 5.9, "atomic phases"): claim as
 * {@code sending} and commit; call the provider with no transaction open; record
 * {@code sent}, {@code failed} or a later retry. A message is posted at most once unless
 * the provider surely did not take it.
 */
@Component
class MessageDispatcher {

	private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);

	/**
	 * Twilio errors that end the lead's sequence: invalid number, not SMS-capable, opted
	 * out.
	 */
	static final Set<String> PERMANENT_ERRORS = Set.of("21211", "21614", "21610");

	static final String OPTED_OUT_ERROR = "21610";

	private final MessageRepository messages;

	private final SmsGateway gateway;

	private final OptOuts optOuts;

	private final TaskExecutor executor;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final SendingProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	MessageDispatcher(MessageRepository messages, SmsGateway gateway, OptOuts optOuts, TaskExecutor smsExecutor,
			TransactionTemplate transactions, ApplicationEventPublisher events, SendingProperties properties,
			Clock clock, MeterRegistry meters) {
		this.messages = messages;
		this.gateway = gateway;
		this.optOuts = optOuts;
		this.executor = smsExecutor;
		this.transactions = transactions;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Starts sending one just-committed message on the SMS executor; the periodic pass
	 * catches any left.
	 */
	void dispatchSoon(UUID messageId) {
		try {
			this.executor.execute(() -> dispatch(messageId));
		}
		catch (RejectedExecutionException ex) {
			log.warn("SMS executor is full; message {} waits for the next dispatch pass", messageId);
		}
	}

	void dispatch(UUID messageId) {
		this.messages.claim(messageId, this.clock.instant()).ifPresent(this::send);
	}

	/**
	 * Claims and sends every due queued message (follow-ups of a sweep, new ones a crash
	 * left behind, and retries) in batches; answers how many. The messages a provider
	 * accepted are recorded {@code sent} together, one transaction per batch instead of
	 * one per message: a crash before that commit leaves them {@code sending}, which
	 * reconciliation settles with the provider, never by sending again.
	 */
	int dispatchDue(int batchSize) {
		int total = 0;
		List<Claimed> batch;
		int started;
		do {
			batch = this.messages.claimDue(this.clock.instant(), batchSize);
			List<CompletableFuture<Sent>> sends = new ArrayList<>(batch.size());
			for (Claimed claimed : batch) {
				try {
					sends.add(CompletableFuture.supplyAsync(() -> new Sent(claimed, call(claimed)), this.executor));
				}
				catch (RejectedExecutionException ex) {
					// Never called: back in the queue for the next pass, not left
					// 'sending'.
					this.messages.release(claimed.id());
				}
			}
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
			List<Sent> outcomes = sends.stream().map(CompletableFuture::join).toList();
			recordAll(outcomes);
			started = sends.size();
			total += started;
		}
		// A full executor ends the pass: the released messages wait for the next one.
		while (batch.size() == batchSize && started == batch.size());
		return total;
	}

	/** A provider call and what came of it. */
	private record Sent(Claimed message, SendOutcome outcome) {
	}

	private void recordAll(List<Sent> outcomes) {
		List<Sent> accepted = outcomes.stream().filter((s) -> s.outcome() instanceof SendOutcome.Accepted).toList();
		if (!accepted.isEmpty()) {
			Instant now = this.clock.instant();
			accepted.forEach((sent) -> countAndTime(sent.message(), sent.outcome(), now));
			this.transactions.executeWithoutResult((tx) -> accepted
				.forEach((sent) -> markSent(sent.message(), ((SendOutcome.Accepted) sent.outcome()).sid(), now)));
		}
		outcomes.stream()
			.filter((s) -> !(s.outcome() instanceof SendOutcome.Accepted))
			.forEach((s) -> record(s.message(), s.outcome()));
	}

	/**
	 * Settles messages a crash left {@code sending}: found at the provider, they become
	 * {@code sent}; not found, {@code unknown} for staff to check. Never re-sent blindly.
	 */
	int reconcileStuck() {
		Instant before = this.clock.instant().minus(this.properties.reconcileAfter());
		List<Claimed> stuck = this.messages.findStuckSending(before, 100);
		for (Claimed message : stuck) {
			settleUncertain(message, "unknown", "Sending was interrupted; the provider has no record of this message");
		}
		return stuck.size();
	}

	private void send(Claimed message) {
		record(message, call(message));
	}

	private SendOutcome call(Claimed message) {
		try {
			return this.gateway.send(new OutboundSms(message.to(), message.body()));
		}
		catch (RuntimeException ex) {
			log.error("Unexpected error sending message {}", message.id(), ex);
			return new SendOutcome.Ambiguous("error", ex.getClass().getSimpleName());
		}
	}

	private void countAndTime(Claimed message, SendOutcome outcome, Instant now) {
		this.meters.counter("sms.sends", "outcome", outcome.getClass().getSimpleName().toLowerCase()).increment();
		if (outcome instanceof SendOutcome.Accepted && Integer.valueOf(1).equals(message.sequenceStep())) {
			// Speed to lead: from the intake that queued the instant response to the
			// provider's acceptance.
			this.meters.timer("lead.speed_to_lead").record(Duration.between(message.createdAt(), now));
		}
	}

	/** Runs in the caller's transaction. */
	private void markSent(Claimed message, String sid, Instant now) {
		this.messages.markSent(message.id(), sid, this.gateway.sender(), now);
		this.events.publishEvent(new SmsEvents.MessageSent(message.leadId(), message.id()));
	}

	private void record(Claimed message, SendOutcome outcome) {
		Instant now = this.clock.instant();
		countAndTime(message, outcome, now);
		if (outcome instanceof SendOutcome.Accepted accepted) {
			this.transactions.executeWithoutResult((tx) -> markSent(message, accepted.sid(), now));
		}
		else if (outcome instanceof SendOutcome.Rejected rejected) {
			this.transactions.executeWithoutResult((tx) -> {
				this.messages.markFailed(message.id(), MessageStatus.FAILED, rejected.code(), rejected.message(), now);
				if (OPTED_OUT_ERROR.equals(rejected.code())) {
					this.optOuts.optOut(message.to(), now);
				}
				if (PERMANENT_ERRORS.contains(rejected.code())) {
					this.events.publishEvent(
							new SmsEvents.PermanentFailure(message.leadId(), rejected.code(), rejected.message()));
				}
			});
		}
		else if (outcome instanceof SendOutcome.NotAccepted notAccepted) {
			if (message.attempts() >= this.properties.maxAttempts()) {
				this.messages.markFailed(message.id(), MessageStatus.FAILED, notAccepted.code(),
						notAccepted.message() + " (gave up after " + message.attempts() + " attempts)", now);
			}
			else {
				Duration backoff = this.properties.initialBackoff().multipliedBy(1L << (message.attempts() - 1));
				this.messages.requeue(message.id(), notAccepted.code(), notAccepted.message(), now.plus(backoff), now);
			}
		}
		else if (outcome instanceof SendOutcome.Ambiguous ambiguous) {
			settleUncertain(message, ambiguous.code(), ambiguous.message());
		}
	}

	private void settleUncertain(Claimed message, String code, String reason) {
		Instant now = this.clock.instant();
		try {
			var found = this.gateway.findAccepted(new OutboundSms(message.to(), message.body()), message.createdAt());
			if (found.isPresent()) {
				this.transactions.executeWithoutResult((tx) -> markSent(message, found.get(), now));
				return;
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not look up message {} at the provider: {}", message.id(), ex.getMessage());
		}
		this.messages.markFailed(message.id(), MessageStatus.UNKNOWN, code, reason, now);
	}

}
