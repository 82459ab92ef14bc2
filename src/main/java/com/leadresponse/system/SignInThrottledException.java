package com.leadresponse.system;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused before its password was checked, because its account or address is
 * throttled: the form shows the wait, HTTP Basic answers 429 with {@code Retry-After}.
 * The same for an e-mail that has no account.
 */
class SignInThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	SignInThrottledException(Duration retryAfter) {
		super("Too many failed sign-ins; try again later");
		this.retryAfter = retryAfter;
	}

	/** How long until an attempt may be checked again, in whole seconds, at least 1. */
	long retryAfterSeconds() {
		return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
	}

}
