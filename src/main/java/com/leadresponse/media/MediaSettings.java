package com.leadresponse.media;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.leadresponse.settings.FieldTypes;
import com.leadresponse.settings.SettingsContributor;
import com.leadresponse.settings.SettingsField;
import com.leadresponse.settings.SettingsSection;
import com.leadresponse.settings.SettingsService;

import org.springframework.stereotype.Component;

/**
 * How long photos and other media are kept ({@code mediaRetentionDays}; 0 keeps them).
 */
@Component
class MediaSettings implements SettingsContributor {

	private final SettingsService settings;

	private final SettingsField<Integer> retentionDays;

	MediaSettings(SettingsService settings) {
		this.settings = settings;
		this.retentionDays = SettingsField
			.of("mediaRetentionDays", "media_retention_days", FieldTypes.integer(0, 3650, "days (0 keeps them)"))
			.label("Keep photos for (days)")
			.hint("0 keeps them forever; older ones are removed with their thumbnails")
			.defaultValue(() -> 0)
			.build();
	}

	/** How long media are kept; empty while they are kept forever. */
	Optional<Duration> retention() {
		int days = this.settings.get(this.retentionDays);
		return (days > 0) ? Optional.of(Duration.ofDays(days)) : Optional.empty();
	}

	@Override
	public List<SettingsSection> sections() {
		return List
			.of(new SettingsSection("Photos", "texted by leads and sent by staff", 60, List.of(this.retentionDays)));
	}

}
