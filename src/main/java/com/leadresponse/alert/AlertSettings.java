package com.leadresponse.alert;

import java.util.List;

import com.leadresponse.settings.FieldTypes;
import com.leadresponse.settings.SettingsContributor;
import com.leadresponse.settings.SettingsField;
import com.leadresponse.settings.SettingsRow;
import com.leadresponse.settings.SettingsSection;
import com.leadresponse.settings.SettingsService;

import org.springframework.stereotype.Component;

/** Who staff alerts go to (SPEC 3 {@code alertPhones}, {@code alertEmails}). */
@Component
class AlertSettings implements SettingsContributor {

	/** The recipients in force. */
	record Recipients(List<String> phones, List<String> emails) {
	}

	private final SettingsService settings;

	private final SettingsField<List<String>> phones;

	private final SettingsField<List<String>> emails;

	AlertSettings(SettingsService settings) {
		this.settings = settings;
		this.phones = SettingsField.of("alertPhones", "alert_phones", FieldTypes.phones(10))
			.label("Text these phones")
			.defaultValue(List::of)
			.build();
		this.emails = SettingsField.of("alertEmails", "alert_emails", FieldTypes.emails(20))
			.label("E-mail these addresses")
			.hint("when SMTP is configured")
			.defaultValue(List::of)
			.build();
	}

	Recipients recipients() {
		SettingsRow row = this.settings.row();
		return new Recipients(row.get(this.phones), row.get(this.emails));
	}

	@Override
	public List<SettingsSection> sections() {
		return List.of(new SettingsSection("Staff alerts", "on every new lead, reply and missed call", 40,
				List.of(this.phones, this.emails)));
	}

}
