package com.leadresponse.sequence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;
import com.leadresponse.sms.OutboundMessages;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The follow-up sweep (SPEC 5.2), sequence's share of the periodic pass: every due step,
 * in batches of locked leads, until none is due. Each batch is queued in one transaction
 * and then sent together (one claim for the batch, not one per message), which keeps a
 * sweep of many thousands fast.
 */
@Component
@Order(20)
class FollowUpSweep implements PeriodicTask {

	static final int BATCH = 200;

	private final SequenceRepository sequences;

	private final StepRunner steps;

	private final ExpirySettings expiry;

	private final OutboundMessages outbound;

	private final TransactionTemplate transactions;

	private final Clock clock;

	FollowUpSweep(SequenceRepository sequences, StepRunner steps, ExpirySettings expiry, OutboundMessages outbound,
			TransactionTemplate transactions, Clock clock) {
		this.sequences = sequences;
		this.steps = steps;
		this.expiry = expiry;
		this.outbound = outbound;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public void run(PassReport report) {
		ExpirySettings.Expiry current = this.expiry.current();
		List<SequenceStep> stepList = this.sequences.steps();
		while (true) {
			Instant now = this.clock.instant();
			int[] counts = this.transactions.execute((tx) -> {
				int sent = 0;
				int expired = 0;
				List<SequenceLead> due = this.sequences.lockDue(now, BATCH);
				for (SequenceLead lead : due) {
					StepRunner.Outcome outcome = this.steps.run(lead, stepList, now, current, false);
					sent += (outcome == StepRunner.Outcome.SENT) ? 1 : 0;
					expired += (outcome == StepRunner.Outcome.EXPIRED) ? 1 : 0;
				}
				return new int[] { due.size(), sent, expired };
			});
			this.outbound.sendQueued();
			report.count(PassReport.FOLLOW_UPS_SENT, counts[1]);
			report.count(PassReport.SEQUENCES_EXPIRED, counts[2]);
			if (counts[0] < BATCH) {
				return;
			}
		}
	}

}
