package com.leadresponse.support;

import java.time.Instant;

import com.github.kagkarlsson.scheduler.Clock;

/**
 * The test's {@link MutableClock} as db-scheduler sees it: the test's time, running on in
 * real time from each moment the test sets it. db-scheduler's poller waits "until its
 * clock has moved one polling interval", so on a clock that only a test moves it would
 * poll only when woken; on this one it polls every interval, and a task is due when the
 * test's time (plus the few milliseconds since the test last moved it) reaches it.
 */
public final class RunningClock implements Clock {

	private final MutableClock clock;

	private Instant lastSet;

	private long setAtNanos;

	public RunningClock(MutableClock clock) {
		this.clock = clock;
	}

	@Override
	public synchronized Instant now() {
		Instant current = this.clock.instant();
		long nanos = System.nanoTime();
		if (!current.equals(this.lastSet)) {
			this.lastSet = current;
			this.setAtNanos = nanos;
			return current;
		}
		return current.plusNanos(nanos - this.setAtNanos);
	}

}
