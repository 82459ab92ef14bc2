package com.leadresponse.periodic;

/**
 * One feature's share of the periodic pass: the work that is due now, done in batches
 * that several instances can run at once (each claims its rows with {@code SKIP LOCKED}).
 * Tasks run in their {@code @Order}; a task that throws ends the pass, and the next pass
 * tries again.
 */
@FunctionalInterface
public interface PeriodicTask {

	/** Does the work due now and counts it in {@code report}. */
	void run(PassReport report);

	/**
	 * Whether the task also runs between passes, every few seconds: the retries of the
	 * sending pipeline, whose backoff is counted in seconds.
	 */
	default boolean frequent() {
		return false;
	}

}
