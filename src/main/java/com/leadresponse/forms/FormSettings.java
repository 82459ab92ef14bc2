package com.leadresponse.forms;

import java.util.List;

import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.settings.FieldTypes;
import com.leadresponse.settings.SettingsContributor;
import com.leadresponse.settings.SettingsField;
import com.leadresponse.settings.SettingsSection;
import com.leadresponse.settings.SettingsService;

import org.springframework.stereotype.Component;

/**
 * The settings of every web form (SPEC 9): the SMS consent wording beside the unchecked
 * box, the sites that may embed the forms, and the spam checks' minimum fill time and
 * posts per address an hour.
 */
@Component
class FormSettings implements SettingsContributor {

	/**
	 * What carriers ask of an opt-in (docs/sources.md): the business's name, what is sent
	 * and how often, "msg & data rates may apply", STOP and HELP.
	 */
	static final String DEFAULT_CONSENT = "I agree to receive text messages from {businessName} about my request "
			+ "(quotes, scheduling, follow-ups). Message frequency varies. Msg & data rates may apply. "
			+ "Reply STOP to opt out, HELP for help. Consent is not a condition of purchase.";

	static final String BUSINESS_NAME = "{businessName}";

	private final SettingsService settings;

	private final BusinessSettings business;

	private final SettingsField<String> consentText;

	private final SettingsField<List<String>> allowedOrigins;

	private final SettingsField<Integer> minFillSeconds;

	private final SettingsField<Integer> postsPerHour;

	FormSettings(SettingsService settings, BusinessSettings business) {
		this.settings = settings;
		this.business = business;
		this.consentText = SettingsField
			.of("formConsentText", "form_consent_text",
					FieldTypes.multilineText(1000, "Write the consent text, at most 1,000 characters.",
							(text) -> text.contains(BUSINESS_NAME) ? null
									: "Name the business: keep {businessName} in the text (carriers require it)."))
			.label("SMS consent text beside the form's checkbox")
			.hint("unchecked by default; only a person who ticks it is texted")
			.defaultValue(() -> DEFAULT_CONSENT)
			.build();
		this.allowedOrigins = SettingsField.of("formAllowedOrigins", "form_allowed_origins", FieldTypes.origins(20))
			.label("Sites that may embed the forms")
			.hint("e.g. https://www.example.com; empty: only this service's own pages")
			.defaultValue(List::of)
			.build();
		this.minFillSeconds = SettingsField
			.of("formMinFillSeconds", "form_min_fill_seconds", FieldTypes.integer(0, 600, "seconds"))
			.label("Minimum time to fill a form")
			.hint("a post sooner after the form was shown is refused as a robot's")
			.defaultValue(() -> 3)
			.advanced()
			.build();
		this.postsPerHour = SettingsField
			.of("formPostsPerHour", "form_posts_per_hour", FieldTypes.integer(1, 10_000, "posts an hour"))
			.label("Form posts an hour from one address")
			.hint("more are refused until the next hour")
			.defaultValue(() -> 20)
			.advanced()
			.build();
	}

	/** The consent wording with the business's name in it. */
	String consentText() {
		return this.settings.get(this.consentText).replace(BUSINESS_NAME, this.business.profile().name());
	}

	List<String> allowedOrigins() {
		return this.settings.get(this.allowedOrigins);
	}

	int minFillSeconds() {
		return this.settings.get(this.minFillSeconds);
	}

	int postsPerHour() {
		return this.settings.get(this.postsPerHour);
	}

	@Override
	public List<SettingsSection> sections() {
		return List.of(new SettingsSection("Web forms", "the hosted forms of Settings, Forms", 6,
				List.of(this.consentText, this.allowedOrigins, this.minFillSeconds, this.postsPerHour)));
	}

}
