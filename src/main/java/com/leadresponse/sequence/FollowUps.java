package com.leadresponse.sequence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadEvents;
import com.leadresponse.settings.Settings;
import com.leadresponse.settings.SettingsService;
import com.leadresponse.sms.Deliveries;
import com.leadresponse.sms.OutboundMessages;
import com.leadresponse.sms.OutboundMessages.QueueResult;
import com.leadresponse.sms.QuietHours;
import com.leadresponse.sms.SmsEvents;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each lead's follow-up sequence (SPEC 5.1 to 5.3, 5.6, 5.8): the instant response
 * when a lead arrives, then each due step, checked against expiry, quiet hours, consent
 * and the rate limit at the moment it is queued.
 */
@Service
public class FollowUps {

	static final int SWEEP_BATCH = 200;

	private final SequenceRepository sequences;

	private final OutboundMessages outbound;

	private final Deliveries deliveries;

	private final QuietHours quietHours;

	private final SettingsService settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final MeterRegistry meters;

	FollowUps(SequenceRepository sequences, OutboundMessages outbound, Deliveries deliveries, QuietHours quietHours,
			SettingsService settings, TransactionTemplate transactions, Clock clock, MeterRegistry meters) {
		this.sequences = sequences;
		this.outbound = outbound;
		this.deliveries = deliveries;
		this.quietHours = quietHours;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock;
		this.meters = meters;
	}

	/** What one sweep did, for the cron answer. */
	record SweepResult(int sent, int expired) {
	}

	/**
	 * The instant response: queued in the intake transaction, sent as soon as it commits
	 * (SPEC 5.1).
	 */
	@EventListener
	void onLeadCreated(LeadEvents.LeadCreated event) {
		Lead lead = event.lead();
		if (lead.nextFollowupAt() != null) {
			runStep(lead, event.settings(), this.sequences.steps(), this.clock.instant(), true);
		}
	}

	@EventListener
	void onPermanentFailure(SmsEvents.PermanentFailure event) {
		this.sequences.end(event.leadId(), "Provider error " + event.errorCode() + ": " + event.reason());
	}

	/**
	 * Sends every due follow-up, in batches of locked leads, until none is due. Each
	 * batch is queued in one transaction and then sent together (one claim for the batch,
	 * not one per message), which keeps a sweep of many thousands fast.
	 */
	SweepResult sweep() {
		Settings current = this.settings.current();
		List<SequenceStep> steps = this.sequences.steps();
		int sent = 0;
		int expired = 0;
		while (true) {
			Instant now = this.clock.instant();
			int[] counts = this.transactions.execute((tx) -> {
				int batchSent = 0;
				int batchExpired = 0;
				List<Lead> due = this.sequences.lockDue(now, SWEEP_BATCH);
				for (Lead lead : due) {
					StepOutcome outcome = runStep(lead, current, steps, now, false);
					batchSent += (outcome == StepOutcome.SENT) ? 1 : 0;
					batchExpired += (outcome == StepOutcome.EXPIRED) ? 1 : 0;
				}
				return new int[] { due.size(), batchSent, batchExpired };
			});
			this.deliveries.sendDue();
			sent += counts[1];
			expired += counts[2];
			if (counts[0] < SWEEP_BATCH) {
				return new SweepResult(sent, expired);
			}
		}
	}

	private enum StepOutcome {

		SENT, DEFERRED, EXPIRED, ENDED

	}

	private StepOutcome runStep(Lead lead, Settings current, List<SequenceStep> steps, Instant now, boolean instant) {
		if (lead.sequenceExpiresAt() != null && !lead.sequenceExpiresAt().isAfter(now)) {
			// SPEC 5.6: checked before every follow-up; an expired lead gets no SMS and
			// is closed.
			if (!this.sequences.closeExpired(lead.id(), now, current.expiredReason())) {
				return StepOutcome.ENDED;
			}
			this.meters.counter(SequenceExpiry.EXPIRED_METRIC).increment();
			return StepOutcome.EXPIRED;
		}
		Optional<SequenceStep> step = steps.stream()
			.filter((s) -> s.stepNumber() == lead.sequenceStep() + 1)
			.findFirst();
		if (step.isEmpty()) {
			this.sequences.advance(lead.id(), lead.sequenceStep(), null, "Sequence completed");
			return StepOutcome.ENDED;
		}
		if (!instant || current.quietHoursApplyToInstant()) {
			Optional<Instant> quietUntil = this.quietHours.deferUntil(lead.phone(), now, current);
			if (quietUntil.isPresent()) {
				this.sequences.defer(lead.id(), quietUntil.get());
				return StepOutcome.DEFERRED;
			}
		}
		String body = MessageTemplates.render(step.get().template(), lead, current);
		// The instant response goes out as soon as the intake commits (SPEC 5.1); the
		// sweep sends its batch itself.
		QueueResult result = this.outbound.queue(lead.id(), body, step.get().stepNumber(), null, false, current,
				instant);
		if (result instanceof QueueResult.Queued) {
			Optional<SequenceStep> next = steps.stream()
				.filter((s) -> s.stepNumber() == step.get().stepNumber() + 1)
				.findFirst();
			this.sequences.advance(lead.id(), step.get().stepNumber(),
					next.map((s) -> now.plus(s.delay())).orElse(null), next.isEmpty() ? "Sequence completed" : null);
			return StepOutcome.SENT;
		}
		if (result instanceof QueueResult.Blocked blocked) {
			// SPEC 5.5: a blocked follow-up is deferred to the next allowed moment, not
			// dropped.
			this.sequences.defer(lead.id(), blocked.nextAllowedAt());
			return StepOutcome.DEFERRED;
		}
		this.sequences.end(lead.id(), "Opted out");
		return StepOutcome.ENDED;
	}

	public List<SequenceStep> steps() {
		return this.sequences.steps();
	}

}
