package com.leadresponse.sequence;

import com.leadresponse.sms.QuietHours;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The instant response (SPEC 5.1): a new lead is texted its sequence's first step at
 * once. It runs inside the intake's transaction, so the lead, its first text and its
 * counters commit together or not at all (a failed intake texts nobody); the provider
 * call starts as soon as that transaction commits, on the SMS executor, not at the next
 * sweep. Quiet hours do not hold it unless the settings say so ({@link QuietHours}).
 */
@Component
public class InstantResponse {

	private final StepRunner steps;

	private final SequenceRepository sequences;

	private final ExpirySettings expiry;

	private final java.time.Clock clock;

	InstantResponse(StepRunner steps, SequenceRepository sequences, ExpirySettings expiry, java.time.Clock clock) {
		this.steps = steps;
		this.sequences = sequences;
		this.expiry = expiry;
		this.clock = clock;
	}

	/**
	 * Queues the lead's first text in the intake's transaction; fails outside one.
	 * @param lead a lead just stored with its sequence due now
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void send(SequenceLead lead) {
		this.steps.run(lead, this.sequences.steps(), this.clock.instant(), this.expiry.current(), true);
	}

}
