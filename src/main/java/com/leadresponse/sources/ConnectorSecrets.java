package com.leadresponse.sources;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import com.leadresponse.settings.FieldTypes;
import com.leadresponse.settings.SettingsContributor;
import com.leadresponse.settings.SettingsField;
import com.leadresponse.settings.SettingsSection;
import com.leadresponse.settings.SettingsService;

import org.springframework.stereotype.Component;

/**
 * The secrets lead sources present (SPEC 3 {@code angiApiKey}, {@code thumbtackUsername},
 * {@code thumbtackPassword}, {@code googleAdsKey}): set in the settings API or made on
 * the "Lead sources" page, stored as SHA-256 hashes, never read back, compared in
 * constant time. A connector whose secret is not set refuses every request.
 */
@Component
class ConnectorSecrets implements SettingsContributor {

	/**
	 * At least this long when an admin chooses one (a generated one has 160 random bits):
	 * a plain hash of a short secret could be guessed back.
	 */
	static final int MIN_LENGTH = 16;

	private final SettingsService settings;

	final SettingsField<String> angiApiKey;

	final SettingsField<String> thumbtackUsername;

	final SettingsField<String> thumbtackPassword;

	final SettingsField<String> googleAdsKey;

	private final SecureRandom random = new SecureRandom();

	ConnectorSecrets(SettingsService settings) {
		this.settings = settings;
		this.angiApiKey = secret("angiApiKey", "angi_api_key_hash", "Angi API key (x-api-key)");
		this.thumbtackUsername = secret("thumbtackUsername", "thumbtack_username_hash", "Thumbtack webhook username");
		this.thumbtackPassword = secret("thumbtackPassword", "thumbtack_password_hash", "Thumbtack webhook password");
		this.googleAdsKey = secret("googleAdsKey", "google_ads_key_hash", "Google Ads lead form key");
	}

	private static SettingsField<String> secret(String name, String column, String label) {
		return SettingsField.of(name, column, FieldTypes.secret(MIN_LENGTH))
			.label(label)
			.hint("write-only: stored as a hash, never shown again")
			.defaultValue(() -> null)
			.build();
	}

	@Override
	public List<SettingsSection> sections() {
		return List.of(new SettingsSection("Lead sources", "the secrets each connector checks", 90,
				List.of(this.angiApiKey, this.thumbtackUsername, this.thumbtackPassword, this.googleAdsKey), false));
	}

	boolean isSet(SettingsField<String> field) {
		return this.settings.get(field) != null;
	}

	/** Whether the presented value is the secret; false while none is set. */
	boolean matches(SettingsField<String> field, String presented) {
		String stored = this.settings.get(field);
		if (stored == null || presented == null) {
			return false;
		}
		return MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
				FieldTypes.hashOf(presented).getBytes(StandardCharsets.US_ASCII));
	}

	/** A new random secret (160 bits), for the sources page to store and show once. */
	String generate() {
		byte[] bytes = new byte[20];
		this.random.nextBytes(bytes);
		return "lrs_" + HexFormat.of().formatHex(bytes);
	}

}
