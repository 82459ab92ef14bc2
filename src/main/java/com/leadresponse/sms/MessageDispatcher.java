package com.leadresponse.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import com.leadresponse.sms.MessageRepository.Claimed;
import com.leadresponse.sms.SmsGateway.OutboundSms;
import com.leadresponse.sms.SmsGateway.ProviderMessage;
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
 * the provider surely did not take it; one whose outcome is uncertain (5xx, no answer, a
 * crash) stays {@code sending} until {@link #reconcileStuck()} looks it up.
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

	private static final int RECONCILE_BATCH = 100;

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
		this.messages.claim(messageId, this.clock.instant()).stream().filter(Claimed::mayBeSent).forEach(this::send);
	}

	/**
	 * Claims and sends every due queued message (follow-ups of a sweep, new ones a crash
	 * left behind, and retries) in batches; answers how many were sent. The messages a
	 * provider accepted are recorded {@code sent} together, one transaction per batch
	 * instead of one per message: a crash before that commit leaves them {@code sending},
	 * which reconciliation settles with the provider, never by sending again.
	 */
	int dispatchDue(int batchSize) {
		int total = 0;
		List<Claimed> batch;
		int started;
		do {
			batch = this.messages.claimDue(this.clock.instant(), batchSize);
			List<CompletableFuture<Sent>> sends = new ArrayList<>(batch.size());
			int sendable = 0;
			for (Claimed claimed : batch) {
				if (!claimed.mayBeSent()) {
					continue;
				}
				sendable++;
				try {
					sends.add(CompletableFuture.supplyAsync(() -> new Sent(claimed, call(claimed)), this.executor));
				}
				catch (RejectedExecutionException ex) {
					// Never called: back in the queue for the next pass, not left
					// 'sending'.
					this.messages.release(claimed.id());
				}
			}
			recordAll(sends.stream().map(CompletableFuture::join).toList());
			started = sends.size();
			total += started;
			// A full executor ends the pass: the released messages wait for the next one.
			if (started < sendable) {
				break;
			}
		}
		while (batch.size() == batchSize);
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
			try {
				this.transactions
					.executeWithoutResult((tx) -> accepted.forEach((sent) -> sentInTransaction(sent.message(),
							((SendOutcome.Accepted) sent.outcome()).sid(), now)));
			}
			catch (RuntimeException ex) {
				// Not stored (database down): they stay sending and reconciliation
				// settles them.
				log.warn("Could not record {} accepted messages: {}", accepted.size(), ex.getMessage());
			}
		}
		outcomes.stream()
			.filter((s) -> !(s.outcome() instanceof SendOutcome.Accepted))
			.forEach((s) -> recordSafely(s.message(), s.outcome()));
	}

	/**
	 * Settles messages left {@code sending} (a crash, or an uncertain answer) by looking
	 * them up at the provider: found, they become {@code sent} with the provider's SID;
	 * not found, {@code unknown} for staff to check. Never re-sent blindly (SPEC 5.9).
	 */
	int reconcileStuck() {
		Instant now = this.clock.instant();
		// A parked callback whose SID was never stored in a day belongs to no message of
		// ours.
		this.messages.removeParkedBefore(now.minus(Duration.ofDays(1)));
		List<Claimed> stuck = this.messages.claimStuckSending(now.minus(this.properties.reconcileAfter()), now,
				RECONCILE_BATCH);
		for (Claimed message : stuck) {
			reconcile(message);
		}
		return stuck.size();
	}

	private void send(Claimed message) {
		recordSafely(message, call(message));
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

	private void recordSafely(Claimed message, SendOutcome outcome) {
		try {
			record(message, outcome);
		}
		catch (RuntimeException ex) {
			// The outcome could not be stored (database down, process stopping): the
			// message stays sending and the reconciliation settles it with the provider.
			log.warn("Could not record the outcome of message {} ({}): {}", message.id(),
					outcome.getClass().getSimpleName(), ex.getMessage());
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

	private void record(Claimed message, SendOutcome outcome) {
		Instant now = this.clock.instant();
		countAndTime(message, outcome, now);
		if (outcome instanceof SendOutcome.Accepted accepted) {
			this.transactions.executeWithoutResult((tx) -> sentInTransaction(message, accepted.sid(), now));
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
				// Exponential backoff: initial, 2x, 4x, ... (the shift is bounded so a
				// large
				// max-attempts cannot overflow).
				Duration backoff = this.properties.initialBackoff()
					.multipliedBy(1L << Math.min(message.attempts() - 1, 16));
				this.messages.requeue(message.id(), notAccepted.code(), notAccepted.message(), now.plus(backoff), now);
			}
		}
		else if (outcome instanceof SendOutcome.Ambiguous ambiguous) {
			// The provider may have taken it: keep it sending and let the reconciliation
			// look
			// it up once the provider has had time to list it.
			this.messages.noteUncertain(message.id(), ambiguous.code(), ambiguous.message(), now);
		}
	}

	private void reconcile(Claimed message) {
		Instant now = this.clock.instant();
		Optional<ProviderMessage> found;
		try {
			// The same text to the same number may have gone out before: its SID belongs
			// to
			// that earlier message, so known SIDs are skipped.
			found = this.gateway
				.findAccepted(new OutboundSms(message.to(), message.body()), message.createdAt().minusSeconds(60))
				.stream()
				.filter((candidate) -> !this.messages.sidKnown(candidate.sid()))
				.findFirst();
		}
		catch (RuntimeException ex) {
			log.warn("Could not look up message {} at the provider: {}", message.id(), ex.getMessage());
			this.messages.markUnknown(message.id(), "the provider could not be asked whether it has this message", now);
			return;
		}
		if (found.isPresent()) {
			log.info("Message {} left sending was found at the provider as {}", message.id(), found.get().sid());
			reconciled(message, found.get(), now);
		}
		else {
			this.messages.markUnknown(message.id(), "the provider has no record of this message", now);
		}
	}

	/**
	 * Records a message found at the provider, with the status the provider has for it
	 * now: callbacks that came while it had no SID here matched nothing.
	 */
	private void reconciled(Claimed message, ProviderMessage found, Instant now) {
		MessageStatus current = MessageStatus.fromTwilio(found.status());
		this.transactions.executeWithoutResult((tx) -> {
			storeSid(message, found.sid(), now);
			if (current != null && current.rank() > MessageStatus.SENT.rank()) {
				this.messages.applyDeliveryStatus(found.sid(), current, found.errorCode(), now);
			}
			this.events.publishEvent(new SmsEvents.MessageSent(message.leadId(), message.id()));
		});
	}

	/** Records an accepted message; runs in the caller's transaction. */
	private void sentInTransaction(Claimed message, String sid, Instant now) {
		storeSid(message, sid, now);
		this.events.publishEvent(new SmsEvents.MessageSent(message.leadId(), message.id()));
	}

	/**
	 * Stores the provider's SID and applies any status callback that arrived before it.
	 */
	private void storeSid(Claimed message, String sid, Instant now) {
		this.messages.lockSid(sid);
		this.messages.markSent(message.id(), sid, this.gateway.sender(), now);
		for (MessageRepository.ParkedStatus parked : this.messages.takeParked(sid)) {
			this.messages.applyDeliveryStatus(sid, parked.status(), parked.errorCode(), now);
		}
	}

}
