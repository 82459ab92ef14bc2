package com.leadresponse.sequence;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff and the rest of the product do to a lead's sequence: pause it (a human took
 * over, SPEC 5.3), resume it, give it more time (SPEC 5.6), and how many steps it has.
 */
@Service
public class Sequences {

	private final SequenceRepository sequences;

	private final Clock clock;

	Sequences(SequenceRepository sequences, Clock clock) {
		this.sequences = sequences;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void pause(UUID leadId) {
		this.sequences.pause(leadId, this.clock.instant());
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void resume(UUID leadId) {
		this.sequences.resume(leadId);
	}

	/** Moves the expiry later by {@code extra}, from the current expiry or from now. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void extend(UUID leadId, Duration extra) {
		this.sequences.extend(leadId, extra, this.clock.instant());
	}

	public int stepCount() {
		return this.sequences.steps().size();
	}

}
