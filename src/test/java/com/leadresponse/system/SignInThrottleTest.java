package com.leadresponse.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.SecondInstance;
import com.leadresponse.support.StaffSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in is throttled by account and by client address (SPEC 11), over real HTTP, for
 * the form and for HTTP Basic: after three free failures each wrong password makes the
 * next attempt wait twice as long, ten lock the account for 15 minutes, and an attempt
 * during a wait or lock is refused before its password is checked, the right one too. An
 * e-mail without an account is answered exactly as one with an account.
 */
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottleTest extends IntegrationTest {

	private static final String NOBODY = "nobody@example.com";

	/** What one Basic attempt was answered. */
	private record Attempt(int status, String retryAfter, String body) {
	}

	@Test
	void wrongPasswordsMakeTheNextAttemptWaitLongerThenLockTheAccountAgainstTheRightPasswordToo() {
		List<Attempt> attempts = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			attempts.add(basic(ADMIN_EMAIL, "wrong-" + i));
		}
		List<String> waits = new ArrayList<>();
		for (int failure = 3; failure < 10; failure++) {
			Attempt refused = basic(ADMIN_EMAIL, "wrong-" + failure);
			waits.add(refused.retryAfter());
			this.clock.advance(Duration.ofSeconds(Long.parseLong(refused.retryAfter())));
			attempts.add(basic(ADMIN_EMAIL, "wrong-" + failure));
		}
		Attempt locked = basic(ADMIN_EMAIL, ADMIN_PASSWORD);

		assertThat(attempts).extracting(Attempt::status).containsOnly(401).hasSize(10);
		assertThat(waits).containsExactly("1", "2", "4", "8", "16", "32", "64");
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.retryAfter()).isEqualTo("900");
		this.clock.advance(Duration.ofSeconds(899));
		assertThat(basic(ADMIN_EMAIL, ADMIN_PASSWORD).status()).as("the lock lasts 15 minutes").isEqualTo(429);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(basic(ADMIN_EMAIL, ADMIN_PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void attemptDuringTheDelayIsRefusedEvenWithTheRightPassword() {
		for (int i = 0; i < 3; i++) {
			basic(ADMIN_EMAIL, "wrong-" + i);
		}

		Attempt right = basic(ADMIN_EMAIL, ADMIN_PASSWORD);

		assertThat(right.status()).isEqualTo(429);
		assertThat(right.retryAfter()).isEqualTo("1");
		assertThat(right.body()).contains("Too many failed sign-ins");
	}

	@Test
	void formSignInIsThrottledAsHttpBasicIs() {
		StaffSession browser = StaffSession.anonymous(this.port);
		List<String> wrong = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			wrong.add(browser.tryLogin(ADMIN_EMAIL, "wrong-" + i).header("Location"));
		}

		Http.Answer right = browser.tryLogin(ADMIN_EMAIL, ADMIN_PASSWORD);
		String page = browser.get("/login?error=throttled&wait=1").body();

		assertThat(wrong).allSatisfy((location) -> assertThat(location).endsWith("/login?error"));
		assertThat(right.status()).isEqualTo(302);
		assertThat(right.header("Location")).endsWith("/login?error=throttled&wait=1");
		assertThat(browser.get("/").status()).as("not signed in").isEqualTo(302);
		assertThat(page).contains("Too many failed sign-ins");
	}

	@Test
	void anEmailWithoutAnAccountIsAnsweredExactlyAsOneWithAnAccount() {
		List<Attempt> withAccount = wrongPasswordsWithWaits(ADMIN_EMAIL);
		List<Attempt> withoutAccount = wrongPasswordsWithWaits(NOBODY);

		assertThat(withoutAccount).isEqualTo(withAccount);
		assertThat(withAccount).extracting(Attempt::status).contains(401, 429);
		StaffSession browser = StaffSession.anonymous(this.port);
		assertThat(browser.tryLogin(NOBODY, "whatever").header("Location"))
			.isEqualTo(browser.tryLogin(ADMIN_EMAIL, "whatever").header("Location"));
	}

	@Test
	void parallelBurstOfWrongPasswordsHasNoMoreOfThemCheckedThanTheConcurrencyAllowsAndLocksTheAccount() {
		List<Attempt> burst = Concurrently.run(100, (i) -> basic(ADMIN_EMAIL, "guess-" + i));

		// At most 20 at once are checked; while fewer than the 3 free failures are
		// recorded, a checked one that ends makes room for one more.
		long checked = burst.stream().filter((a) -> a.status() == 401).count();
		assertThat(checked).isBetween(3L, 22L);
		assertThat(burst).extracting(Attempt::status).containsOnly(401, 429);
		assertThat(this.jdbc.sql("SELECT failures FROM sign_in_attempts WHERE key_kind = 'account'")
			.query(Integer.class)
			.single()).as("every checked guess counted").isEqualTo((int) checked);
		assertThat(basic(ADMIN_EMAIL, ADMIN_PASSWORD).status()).isEqualTo(429);
	}

	@Test
	void throttleHoldsAcrossInstances() {
		SecondInstance second = secondInstance();
		for (int i = 0; i < 3; i++) {
			basic(ADMIN_EMAIL, "wrong-" + i);
		}

		Http.Answer onTheOther = second.http()
			.get("/api/leads", "Authorization", Http.basic(ADMIN_EMAIL, ADMIN_PASSWORD));

		assertThat(onTheOther.status()).isEqualTo(429);
	}

	@Test
	void oneAddressTryingManyAccountsIsThrottledByItsAddress() {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			statuses.add(basic("user" + i + "@example.com", "wrong").status());
		}

		Attempt next = basic("user20@example.com", "wrong");

		assertThat(statuses).containsOnly(401);
		assertThat(next.status()).isEqualTo(429);
		assertThat(basic(ADMIN_EMAIL, ADMIN_PASSWORD).status()).isEqualTo(429);
	}

	@Test
	void rightPasswordForgetsTheAccountsEarlierFailures() {
		basic(ADMIN_EMAIL, "wrong-1");
		basic(ADMIN_EMAIL, "wrong-2");
		assertThat(basic(ADMIN_EMAIL, ADMIN_PASSWORD).status()).isEqualTo(200);

		List<Integer> again = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			again.add(basic(ADMIN_EMAIL, "wrong-again-" + i).status());
		}

		assertThat(again).containsOnly(401);
	}

	@Test
	void failedSignInIsLoggedAsAWarningWithoutThePassword(CapturedOutput output) {
		basic(ADMIN_EMAIL, "my-secret-guess-1");
		StaffSession.anonymous(this.port).tryLogin(NOBODY, "my-secret-guess-2");

		assertThat(output.getOut())
			.containsPattern("WARN .*Sign-in failed for 'admin@example.com' from 127\\.0\\.0\\.1")
			.containsPattern("WARN .*Sign-in failed for 'nobody@example.com' from 127\\.0\\.0\\.1")
			.doesNotContain("my-secret-guess");
	}

	/** Ten wrong passwords, each after the wait the previous answer named. */
	private List<Attempt> wrongPasswordsWithWaits(String email) {
		List<Attempt> attempts = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Attempt attempt = basic(email, "wrong-" + i);
			attempts.add(attempt);
			if (attempt.status() == 429) {
				this.clock.advance(Duration.ofSeconds(Long.parseLong(attempt.retryAfter())));
			}
		}
		return attempts;
	}

	private Attempt basic(String email, String password) {
		Http.Answer answer = this.http.get("/api/leads", "Authorization", Http.basic(email, password));
		return new Attempt(answer.status(), answer.header("Retry-After"), answer.body());
	}

}
