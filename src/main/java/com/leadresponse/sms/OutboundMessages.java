package com.leadresponse.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.settings.BusinessSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The entry to the sending pipeline: every SMS to a lead (instant, follow-up, manual)
 * passes the consent check and the rate limit here, and is committed as {@code queued}
 * before any provider call; the call starts once the caller's transaction commits (SPEC
 * 5.5, 5.9).
 */
@Service
public class OutboundMessages {

	/**
	 * Blocked attempts by reason: {@code too_soon}, {@code daily_limit},
	 * {@code opted_out}.
	 */
	static final String BLOCKED_METRIC = "sms.blocked";

	/**
	 * The longest text Twilio takes (docs/twilio.md): every body is checked against it.
	 */
	public static final int MAX_BODY = 1600;

	private static final int DISPATCH_BATCH = 500;

	private static final String OPTED_OUT_TAG = "opted_out";

	/** What became of a request to text a lead. */
	public sealed interface QueueResult {

		record Queued(UUID messageId) implements QueueResult {
		}

		record Blocked(UUID messageId, String reason, Instant nextAllowedAt) implements QueueResult {
		}

		record OptedOut(UUID messageId) implements QueueResult {
		}

		/**
		 * Too soon, and the sender asked for when allowed: it goes by itself at
		 * {@code scheduledFor} unless cancelled (SPEC 3 {@code whenAllowed}).
		 */
		record Scheduled(UUID messageId, Instant scheduledFor) implements QueueResult {
		}

		/**
		 * An automatic text not queued because the hour's automatic texts reached the cap
		 * (SPEC 3 {@code outboundHourlyCap}); nothing is stored, and the caller defers it
		 * to {@code until}. Staff texts are never held.
		 */
		record Held(Instant until) implements QueueResult {
		}

		/** The same submit of the composer was stored already: nothing more was. */
		record AlreadySubmitted() implements QueueResult {
		}

		/**
		 * The message this request stored (queued, scheduled or blocked); empty when
		 * none.
		 */
		static java.util.Optional<UUID> stored(QueueResult result) {
			if (result instanceof Queued queued) {
				return java.util.Optional.of(queued.messageId());
			}
			if (result instanceof Scheduled scheduled) {
				return java.util.Optional.of(scheduled.messageId());
			}
			if (result instanceof Blocked blocked) {
				return java.util.Optional.of(blocked.messageId());
			}
			if (result instanceof OptedOut optedOut) {
				return java.util.Optional.of(optedOut.messageId());
			}
			return java.util.Optional.empty();
		}

	}

	/**
	 * A text staff typed: who sends it, whether an admin bypasses the limits, whether a
	 * text refused only for being too soon waits for its moment instead, and the
	 * composer's key of this one submit (or null).
	 */
	public record ManualText(String body, UUID sentBy, boolean bypassLimits, boolean whenAllowed, UUID sendKey) {
	}

	private final RateLimiter rateLimiter;

	private final ScheduledTexts scheduled;

	private final AutomaticTextCap automaticCap;

	private final OutboxRepository messages;

	private final MessageDispatcher dispatcher;

	private final SmsSettings settings;

	private final BusinessSettings business;

	private final Clock clock;

	private final MeterRegistry meters;

	OutboundMessages(RateLimiter rateLimiter, ScheduledTexts scheduled, AutomaticTextCap automaticCap,
			OutboxRepository messages, MessageDispatcher dispatcher, SmsSettings settings, BusinessSettings business,
			Clock clock, MeterRegistry meters) {
		this.rateLimiter = rateLimiter;
		this.scheduled = scheduled;
		this.automaticCap = automaticCap;
		this.messages = messages;
		this.dispatcher = dispatcher;
		this.settings = settings;
		this.business = business;
		this.clock = clock;
		this.meters = meters;
		// Every reason shows from the start, so a rate over it is defined before the
		// first block.
		for (RateLimiter.Limit limit : RateLimiter.Limit.values()) {
			blockedCounter(limit.tag());
		}
		blockedCounter(OPTED_OUT_TAG);
	}

	/**
	 * Reserves a slot under the lead's limits and queues the text, or stores the blocked
	 * attempt with its reason; an automatic text ({@code sentBy} null) also takes a slot
	 * of the hour's cap, or is held. Runs in the caller's transaction: the reservations,
	 * the message and the caller's own changes commit together.
	 * @param sentBy the staff member sending it, or null for a text the product sends by
	 * itself
	 * @param bypassLimits an admin's explicit choice for a manual send; automatic sends
	 * pass false
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public QueueResult queue(UUID leadId, String body, Integer sequenceStep, UUID sentBy, boolean bypassLimits) {
		return queue(leadId, body, sequenceStep, sentBy, bypassLimits, true);
	}

	/**
	 * As {@link #queue(UUID, String, Integer, UUID, boolean)}, for batches: with
	 * {@code dispatchAfterCommit} false the caller sends the batch with
	 * {@link #sendQueued()} once it has committed, which claims the queued messages
	 * together instead of one by one.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public QueueResult queue(UUID leadId, String body, Integer sequenceStep, UUID sentBy, boolean bypassLimits,
			boolean dispatchAfterCommit) {
		return queue(leadId, body, sequenceStep, new ManualText(body, sentBy, bypassLimits, false, null),
				dispatchAfterCommit);
	}

	/** One automatic text of a batch: the lead, what it says, the sequence step it is. */
	public record FollowUp(UUID leadId, String body, int sequenceStep) {
	}

	/**
	 * Queues a batch of automatic texts as
	 * {@link #queue(UUID, String, Integer, UUID, boolean, boolean) queue} queues each
	 * without dispatching it, with the same checks in the same order, but a few
	 * statements for the whole batch instead of four for each text: the hour's cap once
	 * for all (the first texts get its slots, the rest are held), every lead's limits in
	 * one conditional UPDATE, the queued texts in one INSERT. Only a lead the limits
	 * refuse costs statements of its own. The caller sends the batch with
	 * {@link #sendQueued()} once it has committed.
	 * @return what became of each text, in the order of {@code followUps}
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<QueueResult> queueFollowUps(List<FollowUp> followUps) {
		if (followUps.isEmpty()) {
			return List.of();
		}
		Instant now = this.clock.instant();
		int slots = this.automaticCap.reserveUpTo(now, followUps.size());
		List<FollowUp> allowed = followUps.subList(0, slots);
		Map<UUID, RateLimiter.Reservation> reservations = allowed.isEmpty() ? Map.of() : this.rateLimiter.reserveAll(
				allowed.stream().map(FollowUp::leadId).toList(), now, this.settings.limits(), this.business.zone());
		List<QueueResult> results = new ArrayList<>(followUps.size());
		List<OutboxRepository.NewText> queued = new ArrayList<>();
		int refused = 0;
		for (FollowUp followUp : followUps) {
			RateLimiter.Reservation reservation = reservations.get(followUp.leadId());
			if (reservation == null) {
				results.add(new QueueResult.Held(AutomaticTextCap.nextHour(now)));
			}
			else if (reservation instanceof RateLimiter.Reservation.Granted granted) {
				UUID id = UUID.randomUUID();
				queued.add(new OutboxRepository.NewText(id, followUp.leadId(), granted.phone(), followUp.body(),
						followUp.sequenceStep()));
				results.add(new QueueResult.Queued(id));
			}
			else {
				refused++;
				results.add(refuse(followUp.leadId(), followUp.body(), followUp.sequenceStep(), null, null, reservation,
						now));
			}
		}
		this.automaticCap.release(now, refused);
		if (!queued.isEmpty()) {
			this.messages.insertQueued(queued, now);
		}
		return results;
	}

	/**
	 * Stores a text its lead's limits or opt-out refused, as blocked, with the reason.
	 */
	private QueueResult refuse(UUID leadId, String body, Integer sequenceStep, UUID sentBy, UUID sendKey,
			RateLimiter.Reservation reservation, Instant now) {
		if (reservation instanceof RateLimiter.Reservation.Denied denied) {
			UUID id = this.messages.insertOutbound(leadId, denied.phone(), body, MessageStatus.BLOCKED, denied.reason(),
					sequenceStep, sentBy, sendKey, now);
			countBlockedAfterCommit(denied.limit().tag());
			return new QueueResult.Blocked(id, denied.reason(), denied.nextAllowedAt());
		}
		if (reservation instanceof RateLimiter.Reservation.OptedOut optedOut) {
			UUID id = this.messages.insertOutbound(leadId, optedOut.phone(), body, MessageStatus.BLOCKED,
					OptOuts.RECIPIENT_OPTED_OUT, sequenceStep, sentBy, sendKey, now);
			countBlockedAfterCommit(OPTED_OUT_TAG);
			return new QueueResult.OptedOut(id);
		}
		throw new IllegalArgumentException("No lead " + leadId);
	}

	/**
	 * A text staff typed, in the caller's transaction. With {@code whenAllowed}, a text
	 * refused only for being too soon is not blocked: it waits, unreserved, for the next
	 * allowed moment, and its slot is reserved then, by the same atomic step as every
	 * other text ({@link ScheduledTexts}); the daily limit and the opt-out still refuse.
	 * A second submit with the same key stores nothing.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public QueueResult queueManual(UUID leadId, ManualText text) {
		if (text.sendKey() != null && this.messages.sendKeyStored(text.sendKey())) {
			return new QueueResult.AlreadySubmitted();
		}
		return queue(leadId, text.body(), null, text, true);
	}

	private QueueResult queue(UUID leadId, String body, Integer sequenceStep, ManualText text,
			boolean dispatchAfterCommit) {
		Instant now = this.clock.instant();
		boolean automatic = text.sentBy() == null;
		if (automatic) {
			Optional<Instant> held = this.automaticCap.reserve(now);
			if (held.isPresent()) {
				return new QueueResult.Held(held.get());
			}
		}
		RateLimiter.Reservation reservation = this.rateLimiter.reserve(leadId, now, this.settings.limits(),
				this.business.zone(), text.bypassLimits());
		if (automatic && !(reservation instanceof RateLimiter.Reservation.Granted)) {
			this.automaticCap.release(now);
		}
		if (reservation instanceof RateLimiter.Reservation.Granted granted) {
			UUID id = this.messages.insertOutbound(leadId, granted.phone(), body, MessageStatus.QUEUED, null,
					sequenceStep, text.sentBy(), text.sendKey(), now);
			if (dispatchAfterCommit) {
				dispatchAfterCommit(id);
			}
			return new QueueResult.Queued(id);
		}
		if (reservation instanceof RateLimiter.Reservation.Denied denied) {
			if (text.whenAllowed() && denied.limit() == RateLimiter.Limit.TOO_SOON) {
				UUID id = this.messages.insertScheduled(leadId, denied.phone(), body, text.sentBy(), text.sendKey(),
						denied.nextAllowedAt(), now);
				this.scheduled.scheduleRelease(id, denied.nextAllowedAt());
				return new QueueResult.Scheduled(id, denied.nextAllowedAt());
			}
		}
		return refuse(leadId, body, sequenceStep, text.sentBy(), text.sendKey(), reservation, now);
	}

	/**
	 * Takes back a text that waits for its moment; false when it already went (or was
	 * never waiting). Runs in the caller's transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean cancelScheduled(UUID leadId, UUID messageId) {
		return this.scheduled.cancel(leadId, messageId);
	}

	/** Sends every queued message that is due now, in batches; answers how many. */
	public int sendQueued() {
		return this.dispatcher.dispatchDue(DISPATCH_BATCH);
	}

	private Counter blockedCounter(String reason) {
		return this.meters.counter(BLOCKED_METRIC, "reason", reason);
	}

	/** Counted once the blocked message is stored, so the metric matches the rows. */
	private void countBlockedAfterCommit(String reason) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				blockedCounter(reason).increment();
			}
		});
	}

	private void dispatchAfterCommit(UUID messageId) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				OutboundMessages.this.dispatcher.dispatchSoon(messageId);
			}
		});
	}

}
