package com.leadresponse.lead;

import java.util.List;

import jakarta.validation.constraints.Min;

import com.leadresponse.settings.BusinessSettings;
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
 * What the intake lets in, against a lead source turned against the business (SPEC 3
 * {@code allowedCountries}, {@code intakeRatePerMinute}): only numbers of the countries
 * the business texts (by default its own), and at most so many leads a minute from one
 * API key.
 */
@Component
class IntakeSettings implements SettingsContributor {

	/** The default rate until an admin saves another. */
	@Validated
	@ConfigurationProperties("lead-response.intake")
	record Defaults(@Min(1) @DefaultValue("60") int ratePerMinute) {
	}

	static final int MAX_COUNTRIES = 50;

	private final SettingsService settings;

	private final SettingsField<List<String>> allowedCountries;

	private final SettingsField<Integer> ratePerMinute;

	IntakeSettings(SettingsService settings, BusinessSettings business, Defaults defaults) {
		this.settings = settings;
		this.allowedCountries = SettingsField
			.of("allowedCountries", "allowed_countries", FieldTypes.countries(MAX_COUNTRIES))
			.label("Countries whose numbers we text")
			.hint("two-letter codes, e.g. US, CA; a lead from elsewhere is refused")
			.defaultValue(() -> List.of(business.country()))
			.build();
		this.ratePerMinute = SettingsField
			.of("intakeRatePerMinute", "intake_rate_per_minute", FieldTypes.integer(1, 10_000, "leads a minute"))
			.label("Leads a minute from one API key")
			.hint("more get 429 with Retry-After")
			.defaultValue(defaults::ratePerMinute)
			.build();
	}

	/** The regions (ISO 3166 codes) whose numbers may become leads. */
	List<String> allowedCountries() {
		return this.settings.get(this.allowedCountries);
	}

	int ratePerMinute() {
		return this.settings.get(this.ratePerMinute);
	}

	@Override
	public List<SettingsSection> sections() {
		return List
			.of(new SettingsSection("Lead intake", "against lead sources sending what the business never asked for", 5,
					List.of(this.allowedCountries, this.ratePerMinute)));
	}

}
