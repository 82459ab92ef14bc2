package com.leadresponse.jobs;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.FailureHandler;

/**
 * When to try again after a failure that may pass (a provider that refused to connect, a
 * 429, a database briefly down): the initial delay, doubled after each attempt, for at
 * most {@code maxAttempts} attempts in all. One policy, used by the sending pipeline and
 * by every background task.
 */
public record Backoff(Duration initialDelay, int maxAttempts) {

	public Backoff {
		if (initialDelay.isNegative() || maxAttempts < 1) {
			throw new IllegalArgumentException("A backoff needs a delay of zero or more and at least one attempt");
		}
	}

	/** The wait after attempt number {@code attempts} (1 for the first) failed. */
	public Duration delayAfter(int attempts) {
		// Bounded shift: a large attempt count cannot overflow.
		return this.initialDelay.multipliedBy(1L << Math.min(Math.max(attempts, 1) - 1, 16));
	}

	/** Whether {@code attempts} attempts used up the policy. */
	public boolean exhausted(int attempts) {
		return attempts >= this.maxAttempts;
	}

	/**
	 * A db-scheduler failure handler for this policy: an execution that throws is tried
	 * again after the backoff, and removed (after {@code gaveUp} is told) once the
	 * attempts are used up.
	 */
	public <T> FailureHandler<T> failureHandler(GaveUp gaveUp) {
		return (complete, operations) -> {
			int attempts = complete.getExecution().consecutiveFailures + 1;
			if (exhausted(attempts)) {
				gaveUp.after(complete, attempts);
				operations.remove();
			}
			else {
				operations.reschedule(complete, complete.getTimeDone().plus(delayAfter(attempts)));
			}
		};
	}

	/** Told when a task has failed for the last time. */
	@FunctionalInterface
	public interface GaveUp {

		void after(ExecutionComplete complete, int attempts);

	}

}
