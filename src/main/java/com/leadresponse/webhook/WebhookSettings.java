package com.leadresponse.webhook;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import com.leadresponse.settings.FieldTypes;
import com.leadresponse.settings.SettingsContributor;
import com.leadresponse.settings.SettingsField;
import com.leadresponse.settings.SettingsSection;
import com.leadresponse.settings.SettingsService;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * How long a processed webhook is remembered (SPEC 5.4, {@code webhookRetentionHours}):
 * 24 hours by default and never less, because Twilio retries a webhook for hours and a
 * shorter record would let a late copy through.
 */
@Component
public class WebhookSettings implements SettingsContributor {

	/** The default until an admin saves another. */
	@Validated
	@ConfigurationProperties("lead-response.webhooks")
	record Defaults(@NotNull @DefaultValue("24h") Duration retention) {
	}

	static final int MIN_RETENTION_HOURS = 24;

	private final SettingsService settings;

	private final SettingsField<Integer> retentionHours;

	WebhookSettings(SettingsService settings, Defaults defaults) {
		this.settings = settings;
		this.retentionHours = SettingsField
			.of("webhookRetentionHours", "webhook_retention_hours",
					FieldTypes.integer(MIN_RETENTION_HOURS, 720, "hours"))
			.label("Remember processed Twilio webhooks for (hours)")
			.advanced()
			.defaultValue(() -> (int) defaults.retention().toHours())
			.build();
	}

	/** How long a processed webhook is remembered. */
	public Duration retention() {
		return Duration.ofHours(this.settings.get(this.retentionHours));
	}

	@Override
	public List<SettingsSection> sections() {
		return List.of(new SettingsSection("Webhooks", null, 50, List.of(this.retentionHours)));
	}

}
