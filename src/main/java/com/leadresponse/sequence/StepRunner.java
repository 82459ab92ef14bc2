package com.leadresponse.sequence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.sms.MessageTemplates;
import com.leadresponse.sms.OutboundMessages;
import com.leadresponse.sms.OutboundMessages.QueueResult;
import com.leadresponse.sms.QuietHours;
import io.micrometer.core.instrument.MeterRegistry;

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

	StepRunner(SequenceRepository sequences, SequenceEnd end, OutboundMessages outbound, QuietHours quietHours,
			BusinessSettings business, AfterHoursText afterHours, MeterRegistry meters) {
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
		if (lead.expiresAt() != null && !lead.expiresAt().isAfter(now)) {
			// SPEC 5.6: checked before every follow-up; an expired lead gets no SMS and
			// is closed.
			if (!this.sequences.closeExpired(lead.id(), now, expiry.reason())) {
				return Outcome.ENDED;
			}
			this.meters.counter(SequenceExpiry.EXPIRED_METRIC).increment();
			return Outcome.EXPIRED;
		}
		Optional<SequenceStep> step = stepNumber(steps, lead.step() + 1);
		if (step.isEmpty()) {
			this.sequences.complete(lead.id(), lead.step());
			return Outcome.ENDED;
		}
		if (!instant || this.quietHours.appliesToInstantResponse()) {
			Optional<Instant> quietUntil = this.quietHours.deferUntil(lead.phone(), now);
			if (quietUntil.isPresent()) {
				this.sequences.defer(lead.id(), quietUntil.get());
				return Outcome.DEFERRED;
			}
		}
		Map<String, String> values = MessageTemplates.leadValues(lead.name(), lead.source(),
				this.business.profile().name());
		// SPEC 11: the first text, whenever it goes, says when the business opens while
		// it is closed.
		String body = (step.get().stepNumber() == 1) ? this.afterHours.firstText(step.get().template(), values, now)
				: MessageTemplates.render(step.get().template(), values);
		QueueResult result = this.outbound.queue(lead.id(), body, step.get().stepNumber(), null, false, instant);
		if (result instanceof QueueResult.Queued) {
			Optional<SequenceStep> next = stepNumber(steps, step.get().stepNumber() + 1);
			if (next.isPresent()) {
				this.sequences.advance(lead.id(), step.get().stepNumber(), now.plus(next.get().delay()));
			}
			else {
				this.sequences.complete(lead.id(), step.get().stepNumber());
			}
			return Outcome.SENT;
		}
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

	private static Optional<SequenceStep> stepNumber(List<SequenceStep> steps, int number) {
		return steps.stream().filter((s) -> s.stepNumber() == number).findFirst();
	}

}
