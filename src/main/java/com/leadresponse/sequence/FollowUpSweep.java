package com.leadresponse.sequence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;
import com.leadresponse.sms.OutboundMessages;
import jakarta.annotation.PreDestroy;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The follow-up sweep (SPEC 5.2), sequence's share of the periodic pass: every due step,
 * in batches of locked leads, until none is due. Each batch is queued in one transaction,
 * with a few statements for the whole batch ({@link StepRunner#runFollowUps}), and then
 * sent together (one claim for the batch, not one per message); while one batch is sent,
 * on the sweep's sender thread, the next is queued (SPEC 7: a sweep of many thousands at
 * the provider's pace, not at the sum of both). The pass ends when every queued follow-up
 * was handed to the provider.
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

	/** Sends one batch while the sweep queues the next. */
	private final ExecutorService sender = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "follow-up-sender");
		thread.setDaemon(true);
		return thread;
	});

	FollowUpSweep(SequenceRepository sequences, StepRunner steps, ExpirySettings expiry, OutboundMessages outbound,
			TransactionTemplate transactions, Clock clock) {
		this.sequences = sequences;
		this.steps = steps;
		this.expiry = expiry;
		this.outbound = outbound;
		this.transactions = transactions;
		this.clock = clock;
	}

	@PreDestroy
	void stop() {
		this.sender.shutdown();
	}

	@Override
	public void run(PassReport report) {
		ExpirySettings.Expiry current = this.expiry.current();
		List<SequenceStep> stepList = this.sequences.steps();
		queueAll(report, current, stepList);
		// What the last batches queued while the sender was busy.
		this.outbound.sendQueued();
	}

	private void queueAll(PassReport report, ExpirySettings.Expiry current, List<SequenceStep> stepList) {
		Future<Integer> sending = CompletableFuture.completedFuture(0);
		while (true) {
			Instant now = this.clock.instant();
			int[] counts = this.transactions.execute((tx) -> {
				int sent = 0;
				int expired = 0;
				List<SequenceLead> due = this.sequences.lockDue(now, BATCH);
				for (StepRunner.Outcome outcome : this.steps.runFollowUps(due, stepList, now, current)) {
					sent += (outcome == StepRunner.Outcome.SENT) ? 1 : 0;
					expired += (outcome == StepRunner.Outcome.EXPIRED) ? 1 : 0;
				}
				return new int[] { due.size(), sent, expired };
			});
			if (sending.isDone()) {
				finished(sending);
				sending = this.sender.submit(this.outbound::sendQueued);
			}
			report.count(PassReport.FOLLOW_UPS_SENT, counts[1]);
			report.count(PassReport.SEQUENCES_EXPIRED, counts[2]);
			if (counts[0] < BATCH) {
				finished(sending);
				return;
			}
		}
	}

	/** Waits for a batch's sending; its failure is the pass's. */
	private static void finished(Future<Integer> sending) {
		try {
			sending.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while follow-ups were sent", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
	}

}
