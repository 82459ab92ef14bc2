package com.leadresponse.sequence;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;

import com.leadresponse.settings.FieldTypes;
import com.leadresponse.settings.SettingsContributor;
import com.leadresponse.settings.SettingsField;
import com.leadresponse.settings.SettingsRow;
import com.leadresponse.settings.SettingsSection;
import com.leadresponse.settings.SettingsService;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Sequence expiry's settings (SPEC 5.6, SPEC 3 {@code sequenceExpiryDays},
 * {@code expiryBatchSize}): a sequence runs at most so many days after the lead arrived,
 * and the expiry pass closes that many leads per statement.
 */
@Component
public class ExpirySettings implements SettingsContributor {

	/** The expiry rule in force. */
	public record Expiry(int days, int batchSize) {

		public Duration period() {
			return Duration.ofDays(this.days);
		}

		/** The {@code closed_reason} of a lead whose sequence ran out (SPEC 5.6). */
		public EndReason reason() {
			return EndReason.expired(this.days);
		}

	}

	/** The defaults until an admin saves others: 30 days, 50 per statement. */
	@Validated
	@ConfigurationProperties("lead-response.expiry")
	record Defaults(@Min(1) @DefaultValue("30") int days, @Min(1) @DefaultValue("50") int batchSize) {
	}

	private final SettingsService settings;

	private final SettingsField<Integer> days;

	private final SettingsField<Integer> batchSize;

	ExpirySettings(SettingsService settings, Defaults defaults) {
		this.settings = settings;
		this.days = SettingsField.of("sequenceExpiryDays", "sequence_expiry_days", FieldTypes.integer(1, 365, "days"))
			.label("Close unanswered leads as lost after (days)")
			.defaultValue(defaults::days)
			.build();
		this.batchSize = SettingsField
			.of("expiryBatchSize", "expiry_batch_size", FieldTypes.integer(1, 10_000, "leads"))
			.label("Leads closed per statement")
			.advanced()
			.defaultValue(defaults::batchSize)
			.build();
	}

	public Expiry current() {
		SettingsRow row = this.settings.row();
		return new Expiry(row.get(this.days), row.get(this.batchSize));
	}

	@Override
	public List<SettingsSection> sections() {
		return List.of(new SettingsSection("Sequence expiry", null, 20, List.of(this.days, this.batchSize)));
	}

}
