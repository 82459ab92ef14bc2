package com.leadresponse.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The throttle of sign-in attempts (SPEC 11), by account and by client address, in the
 * database so that it holds across instances ({@link SignInThrottleProperties} says the
 * rule). An attempt is admitted, or refused before its password is checked, by one
 * statement over both its keys; its outcome is recorded afterwards by another. Every
 * e-mail is a key, whether or not it has an account, so the answers never tell which
 * exist.
 */
@Component
@Order(60)
class SignInThrottle implements PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

	static final String ACCOUNT = "account";

	static final String ADDRESS = "address";

	/** An attempt still "being checked" after this has died with its request. */
	private static final Duration STALE = Duration.ofMinutes(1);

	/** Longer keys are cut: an e-mail has at most 320 characters. */
	private static final int MAX_KEY = 320;

	private final JdbcClient jdbc;

	private final SignInThrottleProperties properties;

	private final Clock clock;

	SignInThrottle(JdbcClient jdbc, SignInThrottleProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/** The key of what a person typed as their e-mail: as accounts are looked up. */
	static String accountKey(String typed) {
		String key = ControlCharacters.without((typed != null) ? typed : "").strip().toLowerCase(Locale.ROOT);
		return (key.length() > MAX_KEY) ? key.substring(0, MAX_KEY) : key;
	}

	/**
	 * Admits an attempt for its password to be checked, by its address (what an attacker
	 * controls) and by its account together.
	 * @throws SignInThrottledException when either key refuses it; nothing is counted
	 */
	void admit(String account, String address) {
		Instant now = this.clock.instant();
		SignInThrottleProperties.Limits accountLimits = this.properties.account();
		SignInThrottleProperties.Limits addressLimits = this.properties.address();
		// SPEC 11 sign-in throttle: an attempt is checked only once the delay after each
		// key's failures has passed and while few of its attempts are being checked; a
		// key that refuses it is left unchanged. Rows are locked address first, always.
		List<String> admitted = this.jdbc
			.sql("""
					INSERT INTO sign_in_attempts AS a (key_kind, key_value, failures, pending, last_attempt_at)
					VALUES ('address', :address, 0, 1, :now), ('account', :account, 0, 1, :now)
					ON CONFLICT (key_kind, key_value) DO UPDATE SET
					  failures = CASE WHEN a.last_failure_at <= :forgetBefore THEN 0 ELSE a.failures END,
					  last_failure_at = CASE WHEN a.last_failure_at <= :forgetBefore THEN NULL ELSE a.last_failure_at END,
					  pending = CASE WHEN a.last_attempt_at <= :staleBefore THEN 1 ELSE a.pending + 1 END,
					  last_attempt_at = :now
					WHERE (a.last_failure_at IS NULL OR a.last_failure_at <= :forgetBefore
					       OR a.last_failure_at + make_interval(secs => (CASE a.key_kind
					            WHEN 'account' THEN CAST(:accountDelays AS integer[])
					            ELSE CAST(:addressDelays AS integer[]) END)[LEAST(a.failures, CASE a.key_kind
					            WHEN 'account' THEN CAST(:accountLockAfter AS integer) ELSE CAST(:addressLockAfter AS integer) END) + 1]) <= :now)
					  AND (a.pending < CASE a.key_kind WHEN 'account' THEN CAST(:accountConcurrent AS integer) ELSE CAST(:addressConcurrent AS integer) END
					       OR a.last_attempt_at <= :staleBefore)
					RETURNING key_kind
					""")
			.param("address", address)
			.param("account", account)
			.param("now", Timestamps.of(now))
			.param("forgetBefore", Timestamps.of(now.minus(this.properties.forgetAfter())))
			.param("staleBefore", Timestamps.of(now.minus(STALE)))
			.param("accountDelays", delays(accountLimits))
			.param("addressDelays", delays(addressLimits))
			.param("accountLockAfter", accountLimits.lockAfter())
			.param("addressLockAfter", addressLimits.lockAfter())
			.param("accountConcurrent", accountLimits.concurrentAttempts())
			.param("addressConcurrent", addressLimits.concurrentAttempts())
			.query(String.class)
			.list();
		if (admitted.size() == 2) {
			return;
		}
		// Refused: the key that did admit it gives its place back.
		admitted.forEach((kind) -> release(kind, ACCOUNT.equals(kind) ? account : address));
		String refusing = admitted.contains(ADDRESS) ? ACCOUNT : ADDRESS;
		throw refused(account, address, refusing, ACCOUNT.equals(refusing) ? accountLimits : addressLimits, now);
	}

	/**
	 * The admitted attempt's password was right: the account's failures (and any delay or
	 * lock) end here.
	 */
	void succeeded(String account, String address) {
		settle(account, address, Outcome.SUCCEEDED);
	}

	/** The admitted attempt's password was wrong (or the account disabled). */
	void failed(String account, String address) {
		Map<String, Integer> failures = settle(account, address, Outcome.FAILED);
		int accountFailures = failures.getOrDefault(ACCOUNT, 0);
		int addressFailures = failures.getOrDefault(ADDRESS, 0);
		Duration wait = this.properties.delayAfter(accountFailures, this.properties.account());
		Duration addressWait = this.properties.delayAfter(addressFailures, this.properties.address());
		log.warn(
				"Sign-in failed for '{}' from {}: {} failures for this e-mail, {} from this address; "
						+ "next attempt checked in {} s",
				account, address, accountFailures, addressFailures,
				((wait.compareTo(addressWait) > 0) ? wait : addressWait).toSeconds());
	}

	/** The admitted attempt ended without an answer about its password (an error). */
	void abandoned(String account, String address) {
		settle(account, address, Outcome.ABANDONED);
	}

	/** How an admitted attempt ended. */
	private enum Outcome {

		SUCCEEDED, FAILED, ABANDONED

	}

	/** Ends an admitted attempt on both its keys; answers each key's failures. */
	private Map<String, Integer> settle(String account, String address, Outcome outcome) {
		Map<String, Integer> failures = new HashMap<>();
		this.jdbc.sql("""
				UPDATE sign_in_attempts SET pending = GREATEST(pending - 1, 0),
				  failures = CASE WHEN :outcome = 'FAILED' THEN failures + 1
				                  WHEN :outcome = 'SUCCEEDED' AND key_kind = 'account' THEN 0 ELSE failures END,
				  last_failure_at = CASE WHEN :outcome = 'FAILED' THEN :now
				                         WHEN :outcome = 'SUCCEEDED' AND key_kind = 'account' THEN NULL
				                         ELSE last_failure_at END
				WHERE (key_kind = 'address' AND key_value = :address) OR (key_kind = 'account' AND key_value = :account)
				RETURNING key_kind, failures
				""")
			.param("outcome", outcome.name())
			.param("now", Timestamps.of(this.clock.instant()))
			.param("address", address)
			.param("account", account)
			.query((RowCallbackHandler) (rs) -> failures.put(rs.getString("key_kind"), rs.getInt("failures")));
		return failures;
	}

	/** Gives back the place one key admitted an attempt to that another key refused. */
	private void release(String kind, String key) {
		this.jdbc
			.sql("""
					UPDATE sign_in_attempts SET pending = GREATEST(pending - 1, 0) WHERE key_kind = :kind AND key_value = :key
					""")
			.param("kind", kind)
			.param("key", key)
			.update();
	}

	/** The delays by failures, as the SQL array the admission reads. */
	private String delays(SignInThrottleProperties.Limits limits) {
		return Arrays.stream(this.properties.delaySeconds(limits))
			.map(String::valueOf)
			.collect(Collectors.joining(",", "{", "}"));
	}

	private SignInThrottledException refused(String account, String address, String kind,
			SignInThrottleProperties.Limits limits, Instant now) {
		String key = ACCOUNT.equals(kind) ? account : address;
		Duration wait = waitOf(kind, key, limits, now).orElse(Duration.ofSeconds(1));
		SignInThrottledException refusal = new SignInThrottledException(wait);
		log.warn(
				"Sign-in for '{}' from {} refused before its password was checked: too many failures of this {}; "
						+ "next attempt checked in {} s",
				account, address, ACCOUNT.equals(kind) ? "e-mail" : "address", refusal.retryAfterSeconds());
		return refusal;
	}

	/** How long the key still refuses attempts, read after a refusal. */
	private Optional<Duration> waitOf(String kind, String key, SignInThrottleProperties.Limits limits, Instant now) {
		return this.jdbc.sql("""
				SELECT failures, last_failure_at FROM sign_in_attempts WHERE key_kind = :kind AND key_value = :key
				""").param("kind", kind).param("key", key).query((rs, row) -> {
			Instant lastFailure = Timestamps.read(rs, "last_failure_at");
			if (lastFailure == null) {
				return Duration.ZERO;
			}
			return Duration.between(now, lastFailure.plus(this.properties.delayAfter(rs.getInt("failures"), limits)));
		}).optional().filter((wait) -> !wait.isNegative() && !wait.isZero());
	}

	/** Forgets keys with no attempt for longer than failures are remembered. */
	@Override
	public void run(PassReport report) {
		this.jdbc.sql("DELETE FROM sign_in_attempts WHERE last_attempt_at < :before")
			.param("before", Timestamps.of(this.clock.instant().minus(this.properties.forgetAfter())))
			.update();
	}

}
