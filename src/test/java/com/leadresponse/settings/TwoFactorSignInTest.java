package com.leadresponse.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.leadresponse.support.AuthenticatorApp;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import com.leadresponse.system.Timestamps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-factor sign-in (SPEC 11 Accounts) over real HTTP: the code after the password,
 * nothing opened by the password alone, a code accepted once, recovery codes once each,
 * wrong codes throttled as wrong passwords are, HTTP Basic with a token instead of the
 * password, set-up confirmed by a code, the admins' setting that requires it, and none of
 * its secrets in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class TwoFactorSignInTest extends IntegrationTest {

	private static final String EMAIL = "totp.agent@example.com";

	private static final String PASSWORD = "totp-agent-password-1";

	/** 20 bytes in Base32, as an authenticator app is given them. */
	private static final String KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

	private static final Pattern RECOVERY_CODE = Pattern.compile("<code>([a-z2-9]{5}-[a-z2-9]{5})</code>");

	private static final Pattern SETUP_KEY = Pattern.compile("data-secret=\"([A-Z2-7]+)\"");

	private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\">(lrt_[0-9a-f]{40})<");

	@Autowired
	private StaffAccounts accounts;

	private UUID agent;

	@BeforeEach
	void agentAccount() {
		this.accounts.create(EMAIL, "Totp Agent", PASSWORD, StaffRole.AGENT);
		this.agent = this.jdbc.sql("SELECT id FROM users WHERE email = :email")
			.param("email", EMAIL)
			.query(UUID.class)
			.single();
	}

	@Test
	void signingInWithASecondFactorTakesTheCodeAfterThePassword() {
		withAuthenticator();
		StaffSession session = StaffSession.anonymous(this.port);

		Http.Answer password = session.tryLogin(EMAIL, PASSWORD);
		assertThat(password.status()).isEqualTo(302);
		assertThat(session.get("/").header("Location")).endsWith("/login/code");

		Http.Answer code = enterCode(session, AuthenticatorApp.code(KEY, this.clock.instant()));
		assertThat(code.status()).isEqualTo(302);
		assertThat(code.header("Location")).doesNotContain("error").doesNotContain("/login");
		assertThat(session.get("/").status()).isEqualTo(200);
	}

	@Test
	void thePasswordAloneOpensNoPageNorTheApi() {
		withAuthenticator();
		StaffSession session = StaffSession.anonymous(this.port);
		session.tryLogin(EMAIL, PASSWORD);

		for (String page : List.of("/", "/leads/" + UUID.randomUUID(), "/profile", "/dashboard")) {
			Http.Answer answer = session.get(page);
			assertThat(answer.status()).as(page).isEqualTo(302);
			assertThat(answer.header("Location")).as(page).endsWith("/login/code");
		}
		assertThat(session.get("/api/leads", "Accept", "application/json").status()).isEqualTo(403);
		assertThat(session.get("/login/code").body()).contains("Code from your authenticator app")
			.doesNotContain("Sign out</button>\n  </form>\n  <span id=\"inbox-alerts\"");
	}

	@Test
	void aUsedCodeIsNotAcceptedTwice() {
		withAuthenticator();
		String code = AuthenticatorApp.code(KEY, this.clock.instant());
		StaffSession first = StaffSession.anonymous(this.port);
		first.tryLogin(EMAIL, PASSWORD);
		assertThat(enterCode(first, code).header("Location")).doesNotContain("error");

		StaffSession second = StaffSession.anonymous(this.port);
		second.tryLogin(EMAIL, PASSWORD);
		assertThat(enterCode(second, code).header("Location")).endsWith("/login/code?error");
		assertThat(second.get("/").header("Location")).endsWith("/login/code");

		this.clock.advance(Duration.ofSeconds(30));
		assertThat(enterCode(second, AuthenticatorApp.code(KEY, this.clock.instant())).header("Location"))
			.doesNotContain("error");
	}

	@Test
	void setupFromTheProfileIsOnOnlyOnceACodeConfirmsItAndItsKeyIsNeverShownAgain() {
		StaffSession session = StaffSession.signIn(this.port, EMAIL, PASSWORD);
		Http.Answer setup = session.get("/profile/two-factor");
		assertThat(setup.body()).contains("<img class=\"qr\" src=\"data:image/svg+xml;base64,");
		String key = find(SETUP_KEY, setup.body());
		assertThat(session.get("/profile/two-factor").body()).as("the same key until confirmed").contains(key);

		Http.Answer wrong = session.post("/profile/two-factor", Map.of("code", "000000"));
		assertThat(wrong.header("Location")).endsWith("/profile/two-factor");
		assertThat(twoFactorOn()).isFalse();

		Http.Answer right = session.post("/profile/two-factor",
				Map.of("code", AuthenticatorApp.code(key, this.clock.instant())));
		assertThat(right.status()).isEqualTo(200);
		assertThat(recoveryCodes(right.body())).hasSize(10).doesNotHaveDuplicates();
		assertThat(twoFactorOn()).isTrue();
		assertThat(session.get("/profile/two-factor").header("Location")).endsWith("/profile");
		assertThat(session.get("/profile").body()).doesNotContain(key).contains("10 of 10 recovery codes left.");
		assertThat(count("SELECT count(*) FROM recovery_codes WHERE code_hash LIKE '%-%'")).isZero();
	}

	@Test
	void eachRecoveryCodeSignsInOnce() {
		StaffSession setup = StaffSession.signIn(this.port, EMAIL, PASSWORD);
		String key = find(SETUP_KEY, setup.get("/profile/two-factor").body());
		List<String> codes = recoveryCodes(
				setup.post("/profile/two-factor", Map.of("code", AuthenticatorApp.code(key, this.clock.instant())))
					.body());

		StaffSession first = StaffSession.anonymous(this.port);
		first.tryLogin(EMAIL, PASSWORD);
		assertThat(enterCode(first, codes.get(3).toUpperCase()).header("Location")).doesNotContain("error");
		assertThat(first.get("/").status()).isEqualTo(200);

		StaffSession second = StaffSession.anonymous(this.port);
		second.tryLogin(EMAIL, PASSWORD);
		assertThat(enterCode(second, codes.get(3)).header("Location")).endsWith("/login/code?error");
		assertThat(enterCode(second, codes.get(4).replace("-", "")).header("Location")).doesNotContain("error");
		assertThat(count("SELECT count(*) FROM recovery_codes WHERE used_at IS NULL")).isEqualTo(8);
	}

	@Test
	void wrongCodesAreThrottledAsWrongPasswordsAreAndTheRightPasswordDoesNotForgetThem() {
		withAuthenticator();
		StaffSession session = StaffSession.anonymous(this.port);
		session.tryLogin(EMAIL, PASSWORD);
		for (int i = 0; i < 3; i++) {
			assertThat(enterCode(session, "123456").header("Location")).endsWith("/login/code?error");
		}
		StaffSession again = StaffSession.anonymous(this.port);
		assertThat(again.tryLogin(EMAIL, PASSWORD).header("Location")).contains("error=throttled");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(again.tryLogin(EMAIL, PASSWORD).header("Location")).doesNotContain("error");

		// The password was right, yet the account's failures stay: the next wrong code
		// waits longer (2 s), and the right code is not checked before then.
		assertThat(enterCode(again, "123456").header("Location")).endsWith("/login/code?error");
		assertThat(enterCode(again, AuthenticatorApp.code(KEY, this.clock.instant())).header("Location"))
			.contains("/login/code?error=throttled&wait=2");
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(enterCode(again, AuthenticatorApp.code(KEY, this.clock.instant())).header("Location"))
			.doesNotContain("error");
	}

	@Test
	void httpBasicTakesAnApiTokenInsteadOfThePasswordOnceTheAccountHasASecondFactor() {
		assertThat(this.http.get("/api/leads", "Authorization", Http.basic(EMAIL, PASSWORD)).status()).isEqualTo(200);
		withAuthenticator();
		assertThat(this.http.get("/api/leads", "Authorization", Http.basic(EMAIL, PASSWORD)).status()).isEqualTo(401);

		StaffSession session = StaffSession.anonymous(this.port);
		session.tryLogin(EMAIL, PASSWORD);
		enterCode(session, AuthenticatorApp.code(KEY, this.clock.instant()));
		session.post("/profile/api-tokens", Map.of("name", "Job board sync"));
		String profile = session.get("/profile").body();
		String token = find(NEW_TOKEN, profile);
		assertThat(session.get("/profile").body()).as("shown once").doesNotContain(token);
		assertThat(count("SELECT count(*) FROM staff_api_tokens WHERE token_hash = '" + token + "'")).isZero();

		assertThat(this.http.get("/api/leads", "Authorization", Http.basic(EMAIL, token)).status()).isEqualTo(200);
		assertThat(this.http.get("/api/leads", "Authorization", Http.basic("admin@example.com", token)).status())
			.as("another account's token")
			.isEqualTo(401);

		UUID tokenId = this.jdbc.sql("SELECT id FROM staff_api_tokens WHERE user_id = :user")
			.param("user", this.agent)
			.query(UUID.class)
			.single();
		session.post("/profile/api-tokens/" + tokenId + "/revoke", Map.of());
		assertThat(this.http.get("/api/leads", "Authorization", Http.basic(EMAIL, token)).status()).isEqualTo(401);
	}

	@Test
	void anAdminRequiringItSendsAnAccountWithoutItToSetItUpAtItsNextSignIn() {
		this.jdbc.sql("UPDATE settings SET two_factor_required = true").update();
		StaffSession session = StaffSession.anonymous(this.port);
		session.tryLogin(EMAIL, PASSWORD);

		Http.Answer inbox = session.get("/");
		assertThat(inbox.header("Location")).endsWith("/login/two-factor-setup");
		String key = find(SETUP_KEY, session.get("/login/two-factor-setup").body());
		assertThat(this.http.get("/api/leads", "Authorization", Http.basic(EMAIL, PASSWORD)).status())
			.as("Basic with the password, while required")
			.isEqualTo(401);

		Http.Answer confirmed = session.postFrom("/login/two-factor-setup", "/login/two-factor-setup",
				Map.of("code", AuthenticatorApp.code(key, this.clock.instant())));
		assertThat(confirmed.status()).isEqualTo(200);
		assertThat(recoveryCodes(confirmed.body())).hasSize(10);
		assertThat(twoFactorOn()).isTrue();
		assertThat(session.get("/").status()).isEqualTo(200);
		assertThat(session.post("/profile/two-factor/off", Map.of("password", PASSWORD)).header("Location"))
			.endsWith("/profile");
		assertThat(twoFactorOn()).as("it stays on while required").isTrue();
	}

	@Test
	void theSettingIsChangedThroughTheSettingsApiAndFromThenOnTheApiTakesTokensOnly() {
		Http.Answer bad = this.http.patchJson("/api/settings", "{\"twoFactorRequired\": \"soon\"}", "Authorization",
				staffAuth());
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.body()).contains("twoFactorRequired");

		Http.Answer changed = this.http.patchJson("/api/settings", "{\"twoFactorRequired\": true}", "Authorization",
				staffAuth());
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.json().get("twoFactorRequired").asBoolean()).isTrue();
		assertThat(this.http.get("/api/settings", "Authorization", staffAuth()).status())
			.as("the admin's own password, now that a second factor is required")
			.isEqualTo(401);
	}

	@Test
	void neitherTheKeyNorACodeNorATokenIsEverLogged(CapturedOutput output) {
		StaffSession session = StaffSession.signIn(this.port, EMAIL, PASSWORD);
		String key = find(SETUP_KEY, session.get("/profile/two-factor").body());
		String code = AuthenticatorApp.code(key, this.clock.instant());
		List<String> recovery = recoveryCodes(session.post("/profile/two-factor", Map.of("code", code)).body());
		session.post("/profile/api-tokens", Map.of("name", "Sync"));
		String token = find(NEW_TOKEN, session.get("/profile").body());
		StaffSession wrong = StaffSession.anonymous(this.port);
		wrong.tryLogin(EMAIL, PASSWORD);
		enterCode(wrong, "654321");
		enterCode(wrong, recovery.get(0));
		this.http.get("/api/leads", "Authorization", Http.basic(EMAIL, token));
		this.http.get("/api/leads", "Authorization", Http.basic(EMAIL, PASSWORD));

		assertThat(output.getAll()).contains("Sign-in failed for '" + EMAIL + "'")
			.doesNotContain(key)
			.doesNotContain(code)
			.doesNotContain("654321")
			.doesNotContain(recovery.get(0))
			.doesNotContain(token)
			.doesNotContain(PASSWORD);
	}

	private Http.Answer enterCode(StaffSession session, String code) {
		return session.postFrom("/login/code", "/login/code", Map.of("code", code));
	}

	private void withAuthenticator() {
		this.jdbc.sql("UPDATE users SET totp_secret = :key, totp_enabled_at = :now WHERE id = :id")
			.param("key", KEY)
			.param("now", Timestamps.of(this.clock.instant()))
			.param("id", this.agent)
			.update();
	}

	private boolean twoFactorOn() {
		return this.jdbc.sql("SELECT totp_enabled_at IS NOT NULL FROM users WHERE id = :id")
			.param("id", this.agent)
			.query(Boolean.class)
			.single();
	}

	private static List<String> recoveryCodes(String page) {
		List<String> codes = new ArrayList<>();
		Matcher matcher = RECOVERY_CODE.matcher(page);
		while (matcher.find()) {
			codes.add(matcher.group(1));
		}
		return codes;
	}

	private static String find(Pattern pattern, String page) {
		Matcher matcher = pattern.matcher(page);
		assertThat(matcher.find()).as("%s in the page", pattern).isTrue();
		return matcher.group(1);
	}

}
