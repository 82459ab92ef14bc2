package com.leadresponse.sequence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff and the rest of the product do to a lead's sequence: pause it (a human took
 * over, SPEC 5.3), resume it, give it more time (SPEC 5.6), start a caller's after its
 * first contact (SPEC 8), and how many steps it has.
 */
@Service
public class Sequences {

	private final SequenceRepository sequences;

	private final ExpirySettings expiry;

	private final Clock clock;

	Sequences(SequenceRepository sequences, ExpirySettings expiry, Clock clock) {
		this.sequences = sequences;
		this.expiry = expiry;
		this.clock = clock;
	}

	/** Pauses a running sequence; answers whether it was running. */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean pause(UUID leadId) {
		return this.sequences.pause(leadId, this.clock.instant());
	}

	/** Answers whether the sequence was paused. */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean resume(UUID leadId) {
		return this.sequences.resume(leadId);
	}

	/**
	 * Resumes the follow-ups of a reopened lead whose sequence ended: its next step is
	 * due after that step's wait from now. Answers false when no step is left or the lead
	 * may not be texted.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean restart(UUID leadId) {
		int next = this.sequences.stepOf(leadId) + 1;
		Instant now = this.clock.instant();
		return this.sequences.steps()
			.stream()
			.filter((s) -> s.stepNumber() == next)
			.findFirst()
			.map((step) -> this.sequences.restart(leadId, now.plus(step.delay()),
					now.plus(this.expiry.current().period()), now))
			.orElse(false);
	}

	/** Moves the expiry later by {@code extra}, from the current expiry or from now. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void extend(UUID leadId, Duration extra) {
		this.sequences.extend(leadId, extra, this.clock.instant());
	}

	/**
	 * The first contact of a lead whose sequence waits for it (a caller's, SPEC 8) was
	 * made another way than by the first step: a missed-call text, or a person (an
	 * answered call, a staff text). The sequence goes on from its second step, paused
	 * when a person made the contact; the instant response is never sent as well. False,
	 * and nothing changed, when the lead's sequence was not waiting.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean startAfterFirstContact(UUID leadId, boolean byPerson) {
		Instant now = this.clock.instant();
		Optional<SequenceStep> second = this.sequences.steps().stream().filter((s) -> s.stepNumber() == 2).findFirst();
		if (second.isEmpty()) {
			return this.sequences.completeWaiting(leadId);
		}
		return this.sequences.startAtSecondStep(leadId, now.plus(second.get().delay()), byPerson ? now : null);
	}

	public int stepCount() {
		return this.sequences.steps().size();
	}

}
