package com.leadresponse.sequence;

import java.time.Clock;
import java.time.Instant;

import com.leadresponse.settings.Settings;
import com.leadresponse.settings.SettingsService;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Closes sequences older than the expiry period as lost (SPEC 5.6): one statement per
 * batch of the configured size (50 by default), as many batches as are due, so it never
 * falls behind.
 */
@Component
class SequenceExpiry {

	/** Sequences closed as expired, by the expiry pass and by the follow-up sweep. */
	static final String EXPIRED_METRIC = "sequences.expired";

	private final SequenceRepository sequences;

	private final SettingsService settings;

	private final Clock clock;

	private final MeterRegistry meters;

	SequenceExpiry(SequenceRepository sequences, SettingsService settings, Clock clock, MeterRegistry meters) {
		this.sequences = sequences;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
		meters.counter(EXPIRED_METRIC);
	}

	int closeExpired() {
		Settings current = this.settings.current();
		Instant now = this.clock.instant();
		int total = 0;
		int closed;
		do {
			closed = this.sequences.closeExpiredBatch(now, current.expiredReason(), current.expiryBatchSize());
			total += closed;
		}
		while (closed == current.expiryBatchSize());
		this.meters.counter(EXPIRED_METRIC).increment(total);
		return total;
	}

}
