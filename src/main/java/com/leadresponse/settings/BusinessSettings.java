package com.leadresponse.settings;

import java.time.ZoneId;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The business profile's settings (SPEC 3 {@code businessName}, {@code businessTimezone},
 * {@code businessCountry}).
 */
@Component
public class BusinessSettings implements SettingsContributor {

	private final SettingsService settings;

	private final SettingsField<String> name;

	private final SettingsField<ZoneId> zone;

	private final SettingsField<String> country;

	BusinessSettings(SettingsService settings, SettingsDefaults defaults) {
		this.settings = settings;
		this.name = SettingsField
			.of("businessName", "business_name",
					FieldTypes.text(100, "Enter the business name (at most 100 characters)."))
			.label("Business name")
			.hint("used in texts as {businessName}")
			.defaultValue(defaults::name)
			.build();
		this.zone = SettingsField.of("businessTimezone", "business_timezone", FieldTypes.zone())
			.label("Time zone")
			.hint("daily limits reset at its midnight")
			.defaultValue(defaults::timezone)
			.build();
		this.country = SettingsField.of("businessCountry", "business_country", FieldTypes.country())
			.label("Country")
			.hint("for phone numbers written without +country code")
			.defaultValue(defaults::country)
			.build();
	}

	/** The business profile in force. */
	public BusinessProfile profile() {
		SettingsRow row = this.settings.row();
		return new BusinessProfile(row.get(this.name), row.get(this.zone), row.get(this.country));
	}

	/** The zone whose midnight ends the SMS day and in which pages show times. */
	public ZoneId zone() {
		return this.settings.get(this.zone);
	}

	/** The region national phone numbers are read in. */
	public String country() {
		return this.settings.get(this.country);
	}

	SettingsField<String> countryField() {
		return this.country;
	}

	@Override
	public List<SettingsSection> sections() {
		return List.of(new SettingsSection("Business", null, 0, List.of(this.name, this.zone, this.country)));
	}

}
