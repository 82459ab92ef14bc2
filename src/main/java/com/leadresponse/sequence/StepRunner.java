package com.leadresponse.sequence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.sms.MessageTemplates;
import com.leadresponse.sms.OutboundMessages;
import com.leadresponse.sms.OutboundMessages.QueueResult;
import com.leadresponse.sms.QuietHours;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Sends a lead the next step of its sequence, checked against expiry (SPEC 5.6), quiet
 * hours (5.8), consent (5.7), the rate limit (5.5) and the hourly cap on automatic texts
 * (SPEC 3) at the moment it is queued; a step that may not go now is deferred, never
 * dropped. Shared by the instant response and the follow-up sweep, which differ only in
 * when they run.
 */
@Component
class StepRunner {

	/** What became of one lead's due step. */
	enum Outcome {

		SENT, DEFERRED, EXPIRED, ENDED

	}

	private final SequenceRepository sequences;

	private final SequenceEnd end;

	private final OutboundMessages outbound;

	private final QuietHours quietHours;

	private final BusinessSettings business;

	private final AfterHoursText afterHours;

	private final MeterRegistry meters;

	private final ApplicationEventPublisher events;

	StepRunner(SequenceRepository sequences, SequenceEnd end, OutboundMessages outbound, QuietHours quietHours,
			BusinessSettings business, AfterHoursText afterHours, MeterRegistry meters,
			ApplicationEventPublisher events) {
		this.events = events;
		this.afterHours = afterHours;
		this.sequences = sequences;
		this.end = end;
		this.outbound = outbound;
		this.quietHours = quietHours;
		this.business = business;
		this.meters = meters;
	}

	/**
	 * Runs the lead's next step in the caller's transaction.
	 * @param instant the instant response: sent as soon as the caller commits, exempt
	 * from quiet hours unless the settings say otherwise; a follow-up is sent by the
	 * sweep with its batch
	 */
	Outcome run(SequenceLead lead, List<SequenceStep> steps, Instant now, ExpirySettings.Expiry expiry,
			boolean instant) {
		Optional<Outcome> before = beforeQueueing(lead, steps, now, expiry, instant);
		if (before.isPresent()) {
			return before.get();
		}
		SequenceStep step = stepNumber(steps, lead.step() + 1).orElseThrow();
		QueueResult result = this.outbound.queue(lead.id(), body(lead, step, this.business.profile().name(), now),
				step.stepNumber(), null, false, instant);
		if (result instanceof QueueResult.Queued) {
			Optional<SequenceStep> next = stepNumber(steps, step.stepNumber() + 1);
			if (next.isPresent()) {
				this.sequences.advance(lead.id(), step.stepNumber(), now.plus(next.get().delay()));
			}
			else {
				this.sequences.complete(lead.id(), step.stepNumber());
			}
			return Outcome.SENT;
		}
		return notQueued(lead, result);
	}

	/**
	 * What ends or defers a lead's step before it is queued: its sequence expired (SPEC
	 * 5.6, checked before every follow-up: no SMS, the lead is closed), it has no step
	 * left, or quiet hours hold it (5.8); empty when the step may be queued now.
	 */
	private Optional<Outcome> beforeQueueing(SequenceLead lead, List<SequenceStep> steps, Instant now,
			ExpirySettings.Expiry expiry, boolean instant) {
		if (lead.expiresAt() != null && !lead.expiresAt().isAfter(now)) {
			Optional<SequenceEvents.ExpiredLead> closed = this.sequences.closeExpired(lead.id(), now, expiry.reason());
			if (closed.isEmpty()) {
				return Optional.of(Outcome.ENDED);
			}
			this.events.publishEvent(new SequenceEvents.Expired(List.of(closed.get())));
			this.meters.counter(SequenceExpiry.EXPIRED_METRIC).increment();
			return Optional.of(Outcome.EXPIRED);
		}
		if (stepNumber(steps, lead.step() + 1).isEmpty()) {
			this.sequences.complete(lead.id(), lead.step());
			return Optional.of(Outcome.ENDED);
		}
		if (!instant || this.quietHours.appliesToInstantResponse()) {
			Optional<Instant> quietUntil = this.quietHours.deferUntil(lead.phone(), now);
			if (quietUntil.isPresent()) {
				this.sequences.defer(lead.id(), quietUntil.get());
				return Optional.of(Outcome.DEFERRED);
			}
		}
		return Optional.empty();
	}

	/** The text of a lead's step. */
	private String body(SequenceLead lead, SequenceStep step, String businessName, Instant now) {
		Map<String, String> values = MessageTemplates.leadValues(lead.name(), lead.source(), businessName);
		// SPEC 11: the first text, whenever it goes, says when the business opens while
		// it is closed.
		return (step.stepNumber() == 1) ? this.afterHours.firstText(step.template(), values, now)
				: MessageTemplates.render(step.template(), values);
	}

	/** A step the sending pipeline did not queue: deferred, or the sequence ends. */
	private Outcome notQueued(SequenceLead lead, QueueResult result) {
		if (result instanceof QueueResult.Blocked blocked) {
			// SPEC 5.5: a blocked follow-up waits for the next allowed moment.
			this.sequences.defer(lead.id(), blocked.nextAllowedAt());
			return Outcome.DEFERRED;
		}
		if (result instanceof QueueResult.Held held) {
			// SPEC 3 outboundHourlyCap: the hour's automatic texts are spent; the step
			// (an instant response too) waits for the next hour, checked again then.
			this.sequences.defer(lead.id(), held.until());
			return Outcome.DEFERRED;
		}
		this.end.end(lead.id(), EndReason.OPTED_OUT);
		return Outcome.ENDED;
	}

	/**
	 * Runs the next step of each lead of a follow-up batch in the caller's transaction,
	 * with the same checks as {@link #run} one by one, but the texts that may go queued
	 * together ({@link OutboundMessages#queueFollowUps}) and their leads advanced in one
	 * statement. The caller sends the batch once it has committed.
	 * @return what became of each lead's step, in the order of {@code leads}
	 */
	List<Outcome> runFollowUps(List<SequenceLead> leads, List<SequenceStep> steps, Instant now,
			ExpirySettings.Expiry expiry) {
		Outcome[] outcomes = new Outcome[leads.size()];
		List<Integer> pending = new ArrayList<>();
		List<OutboundMessages.FollowUp> followUps = new ArrayList<>();
		String businessName = this.business.profile().name();
		for (int i = 0; i < leads.size(); i++) {
			SequenceLead lead = leads.get(i);
			Optional<Outcome> before = beforeQueueing(lead, steps, now, expiry, false);
			if (before.isPresent()) {
				outcomes[i] = before.get();
				continue;
			}
			SequenceStep step = stepNumber(steps, lead.step() + 1).orElseThrow();
			pending.add(i);
			followUps
				.add(new OutboundMessages.FollowUp(lead.id(), body(lead, step, businessName, now), step.stepNumber()));
		}
		List<QueueResult> results = this.outbound.queueFollowUps(followUps);
		List<SequenceRepository.Advance> advances = new ArrayList<>();
		for (int k = 0; k < results.size(); k++) {
			int i = pending.get(k);
			SequenceLead lead = leads.get(i);
			int stepNumber = followUps.get(k).sequenceStep();
			if (results.get(k) instanceof QueueResult.Queued) {
				Optional<SequenceStep> next = stepNumber(steps, stepNumber + 1);
				if (next.isPresent()) {
					advances.add(new SequenceRepository.Advance(lead.id(), stepNumber, now.plus(next.get().delay())));
				}
				else {
					this.sequences.complete(lead.id(), stepNumber);
				}
				outcomes[i] = Outcome.SENT;
			}
			else {
				outcomes[i] = notQueued(lead, results.get(k));
			}
		}
		this.sequences.advanceAll(advances);
		return List.of(outcomes);
	}

	private static Optional<SequenceStep> stepNumber(List<SequenceStep> steps, int number) {
		return steps.stream().filter((s) -> s.stepNumber() == number).findFirst();
	}

}
