package com.leadresponse.sequence;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.leadresponse.settings.BusinessHours;
import com.leadresponse.settings.FieldTypes;
import com.leadresponse.settings.SettingsContributor;
import com.leadresponse.settings.SettingsField;
import com.leadresponse.settings.SettingsSection;
import com.leadresponse.settings.SettingsService;
import com.leadresponse.sms.MessageTemplates;
import com.leadresponse.sms.OutboundMessages;

import org.springframework.stereotype.Component;

/**
 * The first text outside business hours (SPEC 11, setting {@code afterHoursTemplate}): a
 * lead who writes while the business is closed is told when it opens ({@code {opensAt}},
 * "7:00 AM Monday" in the business zone) instead of being promised a call shortly. Inside
 * the hours the sequence's first step goes as written.
 */
@Component
class AfterHoursText implements SettingsContributor {

	static final String DEFAULT_TEMPLATE = "Thanks {firstName}, we're closed now and will text you when we open at "
			+ "{opensAt}";

	/**
	 * The merge fields of the after-hours text: a lead's, and when the business opens.
	 */
	static final List<String> FIELDS = Stream.concat(MessageTemplates.LEAD_FIELDS.stream(), Stream.of("opensAt"))
		.toList();

	private final SettingsService settings;

	private final BusinessHours hours;

	private final SettingsField<String> template;

	AfterHoursText(SettingsService settings, BusinessHours hours) {
		this.settings = settings;
		this.hours = hours;
		this.template = SettingsField
			.of("afterHoursTemplate", "after_hours_template",
					FieldTypes.multilineText(OutboundMessages.MAX_BODY,
							"Write the first text sent outside business hours (at most 1,600 characters).",
							(text) -> MessageTemplates.unknownFieldsProblem(text, FIELDS)))
			.label("First text outside business hours")
			.hint("instead of the sequence's first step; may use {firstName}, {name}, {businessName}, {opensAt}")
			.defaultValue(() -> DEFAULT_TEMPLATE)
			.build();
	}

	/**
	 * The first text for a lead at {@code now}: the after-hours text while the business
	 * is closed, else the step's own.
	 */
	String firstText(String stepTemplate, Map<String, String> leadValues, Instant now) {
		Optional<String> opensAt = this.hours.opensAtText(now);
		if (opensAt.isEmpty()) {
			return MessageTemplates.render(stepTemplate, leadValues);
		}
		Map<String, String> values = new HashMap<>(leadValues);
		values.put("opensAt", opensAt.get());
		return MessageTemplates.render(this.settings.get(this.template), values);
	}

	@Override
	public List<SettingsSection> sections() {
		return List.of(new SettingsSection("After-hours text", "the first text to a lead outside business hours", 2,
				List.of(this.template)));
	}

}
