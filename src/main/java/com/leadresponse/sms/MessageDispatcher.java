package com.leadresponse.sms;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import com.leadresponse.jobs.Backoff;
import com.leadresponse.sms.OutboxRepository.Claimed;
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
 * crash) stays {@code sending} until {@link Reconciliation} looks it up.
 */
@Component
class MessageDispatcher {

	private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);

	/**
	 * Twilio errors that end the lead's sequence: invalid number, not SMS-capable, opted
	 * out (SPEC 5.9).
	 */
	static final Set<String> PERMANENT_ERRORS = Set.of("21211", "21614", "21610");

	static final String OPTED_OUT_ERROR = "21610";

	/** Metric: provider calls by outcome. */
	static final String SENDS_METRIC = "sms.sends";

	/** Metric: intake to the provider's acceptance of the instant response (SPEC 5.1). */
	static final String SPEED_TO_LEAD_METRIC = "lead.speed_to_lead";

	private final OutboxRepository outbox;

	private final ProviderCalls provider;

	private final DeliveryStatuses statuses;

	private final OptOuts optOuts;

	private final MessageAttachments attachments;

	private final TaskExecutor executor;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final MeterRegistry meters;

	MessageDispatcher(OutboxRepository outbox, ProviderCalls provider, DeliveryStatuses statuses, OptOuts optOuts,
			MessageAttachments attachments, TaskExecutor smsExecutor, TransactionTemplate transactions,
			ApplicationEventPublisher events, Clock clock, MeterRegistry meters) {
		this.outbox = outbox;
		this.provider = provider;
		this.statuses = statuses;
		this.optOuts = optOuts;
		this.attachments = attachments;
		this.executor = smsExecutor;
		this.transactions = transactions;
		this.events = events;
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
		List<Claimed> claimed = this.outbox.claim(messageId, this.clock.instant())
			.stream()
			.filter(Claimed::mayBeSent)
			.toList();
		Map<UUID, List<URI>> media = mediaOf(claimed);
		claimed.forEach((message) -> recordSafely(message, call(message, media)));
	}

	/**
	 * The media links of the messages about to be sent, read once for the batch. Only a
	 * staff member's text can carry photos, so a batch of automatic texts (an instant
	 * response, a sweep's follow-ups) costs no statement for them.
	 */
	private Map<UUID, List<URI>> mediaOf(List<Claimed> messages) {
		List<UUID> byStaff = messages.stream().filter((m) -> m.sentById() != null).map(Claimed::id).toList();
		return byStaff.isEmpty() ? Map.of() : this.attachments.linksFor(byStaff);
	}

	/**
	 * Claims and sends every due queued message (follow-ups of a sweep, new ones a crash
	 * left behind, and retries) in batches; answers how many were sent. A batch's
	 * provider calls run in parallel on the SMS executor (at most its {@code concurrency}
	 * at once), and the next batch is claimed while they are under way. The messages a
	 * provider accepted are recorded {@code sent} together, in one transaction and one
	 * statement per batch: a crash before that commit leaves them {@code sending}, which
	 * reconciliation settles with the provider, never by sending again.
	 */
	int dispatchDue(int batchSize) {
		int total = 0;
		List<Claimed> batch = this.outbox.claimDue(this.clock.instant(), batchSize);
		while (!batch.isEmpty()) {
			InFlight flight = start(batch);
			// A full executor ends the pass: the released messages wait for the next one.
			boolean more = batch.size() == batchSize && flight.allStarted();
			List<Claimed> next = more ? this.outbox.claimDue(this.clock.instant(), batchSize) : List.of();
			recordAll(flight.sends().stream().map(CompletableFuture::join).toList());
			total += flight.sends().size();
			batch = next;
		}
		return total;
	}

	/** A batch's provider calls under way, and whether every sendable one started. */
	private record InFlight(List<CompletableFuture<Sent>> sends, boolean allStarted) {
	}

	private InFlight start(List<Claimed> batch) {
		Map<UUID, List<URI>> media = mediaOf(batch.stream().filter(Claimed::mayBeSent).toList());
		List<CompletableFuture<Sent>> sends = new ArrayList<>(batch.size());
		boolean allStarted = true;
		for (Claimed claimed : batch) {
			if (!claimed.mayBeSent()) {
				continue;
			}
			try {
				sends.add(CompletableFuture.supplyAsync(() -> new Sent(claimed, call(claimed, media)), this.executor));
			}
			catch (RejectedExecutionException ex) {
				// Never called: queued again for the next pass.
				this.outbox.release(claimed.id());
				allStarted = false;
			}
		}
		return new InFlight(sends, allStarted);
	}

	/** A provider call and what came of it. */
	private record Sent(Claimed message, SendOutcome outcome) {
	}

	private SendOutcome call(Claimed message, Map<UUID, List<URI>> media) {
		return this.provider.send(message.to(), message.body(), media.getOrDefault(message.id(), List.of()));
	}

	private void recordAll(List<Sent> outcomes) {
		List<Sent> accepted = outcomes.stream().filter((s) -> s.outcome() instanceof SendOutcome.Accepted).toList();
		if (!accepted.isEmpty()) {
			Instant now = this.clock.instant();
			accepted.forEach((sent) -> countAndTime(sent.message(), sent.outcome(), now));
			try {
				this.transactions.executeWithoutResult(
						(tx) -> this.statuses.acceptedAll(accepted.stream().map(Sent::message).toList(),
								accepted.stream().map((sent) -> ((SendOutcome.Accepted) sent.outcome()).sid()).toList(),
								this.provider.sender(), now));
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
		this.meters.counter(SENDS_METRIC, "outcome", outcome.getClass().getSimpleName().toLowerCase()).increment();
		if (outcome instanceof SendOutcome.Accepted && Integer.valueOf(1).equals(message.sequenceStep())) {
			// Speed to lead: from the intake that queued the instant response to the
			// provider's acceptance.
			this.meters.timer(SPEED_TO_LEAD_METRIC).record(Duration.between(message.createdAt(), now));
		}
	}

	private void record(Claimed message, SendOutcome outcome) {
		Instant now = this.clock.instant();
		countAndTime(message, outcome, now);
		if (outcome instanceof SendOutcome.Accepted accepted) {
			this.transactions.executeWithoutResult((tx) -> accepted(message, accepted.sid(), now));
		}
		else if (outcome instanceof SendOutcome.Rejected rejected) {
			this.transactions.executeWithoutResult((tx) -> {
				this.outbox.markFailed(message.id(), MessageStatus.FAILED, rejected.code(), rejected.message(), now);
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
			Backoff backoff = this.provider.backoff();
			if (backoff.exhausted(message.attempts())) {
				this.outbox.markFailed(message.id(), MessageStatus.FAILED, notAccepted.code(),
						notAccepted.message() + " (gave up after " + message.attempts() + " attempts)", now);
			}
			else {
				this.outbox.requeue(message.id(), notAccepted.code(), notAccepted.message(),
						now.plus(backoff.delayAfter(message.attempts())), now);
			}
		}
		else if (outcome instanceof SendOutcome.Ambiguous ambiguous) {
			// The provider may have taken it: keep it sending and let the reconciliation
			// look it up once the provider has had time to list it.
			this.outbox.noteUncertain(message.id(), ambiguous.code(), ambiguous.message(), now);
		}
	}

	private void accepted(Claimed message, String sid, Instant now) {
		this.statuses.accepted(message, sid, this.provider.sender(), now);
	}

}
