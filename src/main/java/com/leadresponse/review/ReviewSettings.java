package com.leadresponse.review;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.leadresponse.settings.FieldTypes;
import com.leadresponse.settings.SettingsContributor;
import com.leadresponse.settings.SettingsField;
import com.leadresponse.settings.SettingsRow;
import com.leadresponse.settings.SettingsSection;
import com.leadresponse.settings.SettingsService;
import com.leadresponse.sms.MessageTemplates;
import com.leadresponse.sms.OutboundMessages;

import org.springframework.stereotype.Component;

/**
 * The settings of review requests (SPEC 3, 11): whether they go, how long after the win,
 * what they say and where the review page is.
 */
@Component
class ReviewSettings implements SettingsContributor {

	/** The settings in force. */
	record Review(boolean enabled, Duration delay, String template, String link) {
	}

	static final String DEFAULT_TEMPLATE = "Thanks for choosing {businessName}, {firstName}! Would you take a minute "
			+ "to review us? {reviewLink}";

	/** The merge fields of a review request: a lead's, and the review page. */
	static final List<String> FIELDS = Stream.concat(MessageTemplates.LEAD_FIELDS.stream(), Stream.of("reviewLink"))
		.toList();

	private final SettingsService settings;

	private final SettingsField<Boolean> enabled;

	private final SettingsField<Integer> delayDays;

	private final SettingsField<String> template;

	private final SettingsField<String> link;

	ReviewSettings(SettingsService settings) {
		this.settings = settings;
		this.enabled = SettingsField.of("reviewRequestEnabled", "review_request_enabled", FieldTypes.bool())
			.label("Ask won customers for a review")
			.hint("one text per lead, after the delay below; staff can turn it off for a lead")
			.defaultValue(() -> false)
			.build();
		this.delayDays = SettingsField.of("reviewDelayDays", "review_delay_days", FieldTypes.integer(0, 90, "days"))
			.label("Days after the win")
			.defaultValue(() -> 2)
			.build();
		this.template = SettingsField
			.of("reviewTemplate", "review_template",
					FieldTypes.multilineText(OutboundMessages.MAX_BODY,
							"Write the review request (at most 1,600 characters).",
							(text) -> MessageTemplates.unknownFieldsProblem(text, FIELDS)))
			.label("Review request text")
			.hint("may use {firstName}, {name}, {businessName}, {reviewLink}")
			.defaultValue(() -> DEFAULT_TEMPLATE)
			.build();
		this.link = SettingsField.of("reviewLink", "review_link", new ReviewLinkType())
			.label("Review page")
			.hint("where customers leave a review, e.g. your Google review link; none: no request goes")
			.defaultValue(() -> "")
			.build();
	}

	Review current() {
		SettingsRow row = this.settings.row();
		return new Review(row.get(this.enabled), Duration.ofDays(row.get(this.delayDays)), row.get(this.template),
				row.get(this.link));
	}

	@Override
	public List<SettingsSection> sections() {
		return List.of(new SettingsSection("Review requests", "a text asking won customers for a review", 47,
				List.of(this.enabled, this.delayDays, this.template, this.link)));
	}

}
