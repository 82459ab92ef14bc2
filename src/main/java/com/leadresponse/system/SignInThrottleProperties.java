package com.leadresponse.system;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How sign-in is throttled (SPEC 11: after repeated failures, without telling whether the
 * e-mail exists), per account and per client address. The first failures are free (a
 * typo); each further one makes the next attempt wait twice as long, from
 * {@code firstDelay}; from {@code accountLockAfter} failures the key is locked for
 * {@code lockDuration}, and the right password does not lift it. An address is shared by
 * an office, so it gets more failures. At most {@code concurrentAttempts} attempts of one
 * account (and {@code addressConcurrentAttempts} of one address) are checked at once, so
 * a parallel burst gets no more guesses than a patient attacker. Failures are forgotten
 * after {@code forgetAfter} without one, and on a successful sign-in of the account.
 */
@Validated
@ConfigurationProperties("lead-response.sign-in")
record SignInThrottleProperties(@Min(0) @DefaultValue("3") int accountFreeFailures,
		@Min(1) @DefaultValue("10") int accountLockAfter, @Min(0) @DefaultValue("20") int addressFreeFailures,
		@Min(1) @DefaultValue("30") int addressLockAfter, @Min(1) @DefaultValue("20") int concurrentAttempts,
		@Min(1) @DefaultValue("100") int addressConcurrentAttempts, @NotNull @DefaultValue("1s") Duration firstDelay,
		@NotNull @DefaultValue("15m") Duration lockDuration, @NotNull @DefaultValue("24h") Duration forgetAfter) {

	/** A key's share of the rule: its free failures, its lock and its concurrency. */
	record Limits(int freeFailures, int lockAfter, int concurrentAttempts) {
	}

	Limits account() {
		return new Limits(this.accountFreeFailures, this.accountLockAfter, this.concurrentAttempts);
	}

	Limits address() {
		return new Limits(this.addressFreeFailures, this.addressLockAfter, this.addressConcurrentAttempts);
	}

	/**
	 * How long after its last failure a key with {@code failures} failures waits: nothing
	 * while free, then {@code firstDelay} doubling, at most (and from {@code lockAfter}
	 * on, exactly) the lock.
	 */
	Duration delayAfter(int failures, Limits limits) {
		if (failures < limits.freeFailures()) {
			return Duration.ZERO;
		}
		if (failures >= limits.lockAfter()) {
			return this.lockDuration;
		}
		int doublings = Math.min(failures - limits.freeFailures(), 30);
		Duration delay = this.firstDelay.multipliedBy(1L << doublings);
		return (delay.compareTo(this.lockDuration) < 0) ? delay : this.lockDuration;
	}

	/** The delays by failures, 0 to {@code lockAfter}: what the admission reads. */
	Integer[] delaySeconds(Limits limits) {
		Integer[] seconds = new Integer[limits.lockAfter() + 1];
		for (int failures = 0; failures <= limits.lockAfter(); failures++) {
			seconds[failures] = (int) Math.min(Integer.MAX_VALUE, delayAfter(failures, limits).toSeconds());
		}
		return seconds;
	}

}
