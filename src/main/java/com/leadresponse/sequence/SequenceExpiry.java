package com.leadresponse.sequence;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes sequences older than the expiry period as lost (SPEC 5.6), sequence's first
 * share of the periodic pass: one statement per batch of the configured size (50 by
 * default), as many batches as are due, so it never falls behind. Each batch is told as
 * {@link SequenceEvents.Expired} in its own transaction, so what listens (the lead's
 * {@code lead.status_changed}) is written with the close or not at all.
 */
@Component
@Order(10)
class SequenceExpiry implements PeriodicTask {

	/** Sequences closed as expired, by the expiry pass and by the follow-up sweep. */
	static final String EXPIRED_METRIC = "sequences.expired";

	private final SequenceRepository sequences;

	private final ExpirySettings settings;

	private final Clock clock;

	private final MeterRegistry meters;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	SequenceExpiry(SequenceRepository sequences, ExpirySettings settings, Clock clock, MeterRegistry meters,
			TransactionTemplate transactions, ApplicationEventPublisher events) {
		this.sequences = sequences;
		this.transactions = transactions;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
		meters.counter(EXPIRED_METRIC);
	}

	@Override
	public void run(PassReport report) {
		ExpirySettings.Expiry expiry = this.settings.current();
		Instant now = this.clock.instant();
		int total = 0;
		int closed;
		do {
			closed = this.transactions.execute((tx) -> {
				List<SequenceEvents.ExpiredLead> batch = this.sequences.closeExpiredBatch(now, expiry.reason(),
						expiry.batchSize());
				if (!batch.isEmpty()) {
					this.events.publishEvent(new SequenceEvents.Expired(batch));
				}
				return batch.size();
			});
			total += closed;
		}
		while (closed == expiry.batchSize());
		this.meters.counter(EXPIRED_METRIC).increment(total);
		report.count(PassReport.SEQUENCES_EXPIRED, total);
	}

}
