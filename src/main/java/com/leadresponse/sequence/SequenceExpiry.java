package com.leadresponse.sequence;

import java.time.Clock;
import java.time.Instant;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Closes sequences older than the expiry period as lost (SPEC 5.6), sequence's first
 * share of the periodic pass: one statement per batch of the configured size (50 by
 * default), as many batches as are due, so it never falls behind.
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

	SequenceExpiry(SequenceRepository sequences, ExpirySettings settings, Clock clock, MeterRegistry meters) {
		this.sequences = sequences;
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
			closed = this.sequences.closeExpiredBatch(now, expiry.reason(), expiry.batchSize());
			total += closed;
		}
		while (closed == expiry.batchSize());
		this.meters.counter(EXPIRED_METRIC).increment(total);
		report.count(PassReport.SEQUENCES_EXPIRED, total);
	}

}
