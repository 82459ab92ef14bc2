package com.leadresponse.settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import com.leadresponse.settings.TwoFactorRepository.ApiToken;
import com.leadresponse.settings.TwoFactorRepository.Stored;
import com.leadresponse.system.SecondFactor;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Two-factor sign-in (SPEC 11 Accounts): TOTP codes from an authenticator app, set up
 * from a QR code and confirmed with a code before they count, each code accepted once;
 * ten recovery codes, shown once, stored hashed, each working once; the admins' setting
 * that requires a second factor of everyone; and the personal API tokens that HTTP Basic
 * takes instead of the password once an account has a second factor. The secret is never
 * shown again after setup.
 */
@Service
public class TwoFactor implements SecondFactor, SettingsContributor {

	/** The alphabet of recovery codes: no 0/o, 1/l/i to mix up. */
	private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	/** An API token as shown once: {@code lrt_} and 40 hex digits (160 random bits). */
	public record CreatedToken(ApiToken token, String secret) {
	}

	/** What the setup page shows: the secret as text and as a QR code. */
	public record Setup(String secret, String keyUri, String qrCode) {

		/** The secret in groups of four, as people type it. */
		public String grouped() {
			return String.join(" ", this.secret.split("(?<=\\G.{4})"));
		}

	}

	private final TwoFactorRepository repository;

	private final TotpCodes codes;

	private final TwoFactorProperties properties;

	private final SettingsService settings;

	private final SettingsField<Boolean> requiredOfEveryone;

	private final Clock clock;

	TwoFactor(TwoFactorRepository repository, TotpCodes codes, TwoFactorProperties properties, SettingsService settings,
			Clock clock) {
		this.repository = repository;
		this.codes = codes;
		this.properties = properties;
		this.settings = settings;
		this.clock = clock;
		this.requiredOfEveryone = SettingsField.of("twoFactorRequired", "two_factor_required", FieldTypes.bool())
			.label("Every account signs in with a code from an authenticator app")
			.hint("accounts without one set it up at their next sign-in; the API then takes API tokens")
			.defaultValue(() -> false)
			.build();
	}

	@Override
	public List<SettingsSection> sections() {
		return List.of(new SettingsSection("Sign-in", "two-factor sign-in for every account", 90,
				List.of(this.requiredOfEveryone)));
	}

	/** Whether an admin requires a second factor of every account. */
	public boolean requiredOfEveryone() {
		return this.settings.get(this.requiredOfEveryone);
	}

	@Override
	public boolean required(String email) {
		return this.repository.byEmail(email).map((stored) -> stored.enabled() || requiredOfEveryone()).orElse(false);
	}

	@Override
	public boolean configured(String email) {
		return this.repository.byEmail(email).map(Stored::enabled).orElse(false);
	}

	@Override
	@Transactional
	public boolean verify(String email, String code) {
		Optional<Stored> stored = this.repository.byEmail(email).filter(Stored::enabled);
		if (stored.isEmpty()) {
			return false;
		}
		UUID user = stored.get().userId();
		OptionalLong step = this.codes.stepOf(stored.get().secret(), code, this.clock.instant());
		if (step.isPresent()) {
			return this.repository.claimStep(user, step.getAsLong());
		}
		String recovery = normalizedRecoveryCode(code);
		return recovery.length() == 10 && this.repository.useRecoveryCode(user, sha256(recovery), this.clock.instant());
	}

	@Override
	public boolean apiTokenMatches(String email, String token) {
		return token != null && token.startsWith("lrt_") && token.length() == 44
				&& this.repository.tokenMatches(email, sha256(token), this.clock.instant());
	}

	/**
	 * The secret being set up for this account: the one set up before if it was never
	 * confirmed (it may be in the app already), else a new one.
	 */
	@Transactional
	public Setup beginSetup(StaffUser user) {
		Stored stored = this.repository.byId(user.id()).orElseThrow();
		String secret = stored.pendingSecret();
		if (secret == null) {
			secret = this.codes.newSecret();
			this.repository.setPending(user.id(), secret);
		}
		String uri = this.codes.keyUri(secret, user.email());
		return new Setup(secret, uri, TotpCodes.qrCode(uri));
	}

	/**
	 * Turns the second factor on when {@code code} is right for the secret being set up;
	 * answers the recovery codes, to be shown once, or empty for a wrong code.
	 */
	@Transactional
	public Optional<List<String>> confirm(UUID userId, String code) {
		Stored stored = this.repository.byId(userId).orElseThrow();
		if (stored.pendingSecret() == null || code == null || code.length() > 64) {
			return Optional.empty();
		}
		OptionalLong step = this.codes.stepOf(stored.pendingSecret(), code.strip(), this.clock.instant());
		if (step.isEmpty()
				|| !this.repository.enable(userId, stored.pendingSecret(), step.getAsLong(), this.clock.instant())) {
			return Optional.empty();
		}
		return Optional.of(newRecoveryCodes(userId));
	}

	/** A new set of recovery codes, shown once; the earlier set stops working. */
	@Transactional
	public List<String> newRecoveryCodes(UUID userId) {
		List<String> shown = new ArrayList<>();
		List<String> hashes = new ArrayList<>();
		for (int i = 0; i < this.properties.recoveryCodes(); i++) {
			StringBuilder code = new StringBuilder();
			for (int c = 0; c < 10; c++) {
				code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
			}
			shown.add(code.substring(0, 5) + "-" + code.substring(5));
			hashes.add(sha256(code.toString()));
		}
		this.repository.replaceRecoveryCodes(userId, hashes);
		return shown;
	}

	public int recoveryCodesLeft(UUID userId) {
		return this.repository.recoveryCodesLeft(userId);
	}

	/**
	 * The account signs in with its password alone again (its own choice, or an admin's
	 * reset).
	 */
	@Transactional
	public void turnOff(UUID userId) {
		this.repository.disable(userId);
	}

	/** A new API token of this account, shown once and stored as SHA-256. */
	public CreatedToken createToken(UUID userId, String name) {
		byte[] random = new byte[20];
		RANDOM.nextBytes(random);
		String secret = "lrt_" + HexFormat.of().formatHex(random);
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.repository.insertToken(id, userId, name, sha256(secret), secret.substring(0, 9), now);
		return new CreatedToken(new ApiToken(id, name, secret.substring(0, 9), now, null, null), secret);
	}

	public List<ApiToken> tokens(UUID userId) {
		return this.repository.tokens(userId);
	}

	public boolean revokeToken(UUID userId, UUID tokenId) {
		return this.repository.revokeToken(userId, tokenId, this.clock.instant());
	}

	/** A recovery code as typed ("abcde-fghjk", any case, spaces) in its stored form. */
	private static String normalizedRecoveryCode(String typed) {
		return typed.toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
