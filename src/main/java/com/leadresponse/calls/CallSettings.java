package com.leadresponse.calls;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

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
 * The settings of calls (SPEC 3 and 8): which phones ring and for how long, the
 * voicemail, and the missed-call text with its grace delay and once-per-caller window.
 */
@Component
class CallSettings implements SettingsContributor {

	/** Who rings when a call comes in, and for how long. */
	record Ringing(List<String> phones, int seconds) {
	}

	/** Whether a caller nobody answered may leave a voicemail, and what they hear. */
	record Voicemail(boolean enabled, String greeting) {
	}

	/** The text to a missed caller: what it says, when it goes, how often at most. */
	record MissedText(String template, Duration delay, Duration window, boolean heldByQuietHours) {
	}

	static final String DEFAULT_GREETING = "Thanks for calling {businessName}. Sorry we missed you. "
			+ "Please leave a message after the tone and we will call you back.";

	static final String DEFAULT_TEMPLATE = "Sorry we missed your call, this is {businessName}. How can we help?";

	/** Twilio rings up to ten {@code <Number>}s at once (docs/twilio.md). */
	static final int MAX_STAFF_PHONES = 10;

	/** Twilio's {@code <Say>} speaks at most 4,096 characters; a greeting is short. */
	static final int MAX_GREETING = 500;

	private static final Set<String> GREETING_FIELDS = Set.of("businessName");

	private final SettingsService settings;

	private final SettingsField<List<String>> staffPhones;

	private final SettingsField<Integer> ringSeconds;

	private final SettingsField<Boolean> voicemailEnabled;

	private final SettingsField<String> voicemailGreeting;

	private final SettingsField<String> missedCallTemplate;

	private final SettingsField<Integer> missedCallDelaySeconds;

	private final SettingsField<Integer> missedCallWindowHours;

	private final SettingsField<Boolean> quietHoursApplyToMissedCall;

	CallSettings(SettingsService settings) {
		this.settings = settings;
		this.staffPhones = SettingsField.of("staffPhones", "staff_phones", FieldTypes.phones(MAX_STAFF_PHONES))
			.label("Ring these phones")
			.hint("all at once when someone calls your Twilio number; none: straight to voicemail")
			.defaultValue(List::of)
			.build();
		this.ringSeconds = SettingsField.of("ringSeconds", "ring_seconds", FieldTypes.integer(5, 120, "seconds"))
			.label("Ring for (seconds)")
			.hint("less than your phones take to answer with their own voicemail")
			.defaultValue(() -> 20)
			.build();
		this.voicemailEnabled = SettingsField.of("voicemailEnabled", "voicemail_enabled", FieldTypes.bool())
			.label("Take a voicemail when nobody answers")
			.hint("(off: the call ends)")
			.defaultValue(() -> true)
			.build();
		this.voicemailGreeting = SettingsField
			.of("voicemailGreeting", "voicemail_greeting",
					FieldTypes.multilineText(MAX_GREETING,
							"Write the greeting callers hear (at most " + MAX_GREETING + " characters).",
							(text) -> unknownFields(text, GREETING_FIELDS)))
			.label("Voicemail greeting")
			.hint("spoken to the caller; may use {businessName}")
			.defaultValue(() -> DEFAULT_GREETING)
			.build();
		this.missedCallTemplate = SettingsField
			.of("missedCallTemplate", "missed_call_template",
					FieldTypes.multilineText(OutboundMessages.MAX_BODY,
							"Write the text to a missed caller (at most 1,600 characters).",
							(text) -> unknownFields(text, MessageTemplates.LEAD_FIELDS)))
			.label("Text to a missed caller")
			.hint("may use {firstName}, {name}, {businessName}")
			.defaultValue(() -> DEFAULT_TEMPLATE)
			.build();
		this.missedCallDelaySeconds = SettingsField
			.of("missedCallDelaySeconds", "missed_call_delay_seconds", FieldTypes.integer(0, 3600, "seconds"))
			.label("Text a missed caller after (seconds)")
			.hint("not sent if staff call back or text, or the caller texts, before then")
			.defaultValue(() -> 60)
			.build();
		this.missedCallWindowHours = SettingsField
			.of("missedCallWindowHours", "missed_call_window_hours", FieldTypes.integer(1, 720, "hours"))
			.label("At most one missed-call text per caller every (hours)")
			.defaultValue(() -> 24)
			.build();
		this.quietHoursApplyToMissedCall = SettingsField
			.of("quietHoursApplyToMissedCall", "quiet_hours_apply_to_missed_call", FieldTypes.bool())
			.label("Hold the missed-call text during quiet hours")
			.hint("(off: the caller just called, so the text goes day or night)")
			.defaultValue(() -> false)
			.build();
	}

	Ringing ringing() {
		SettingsRow row = this.settings.row();
		return new Ringing(row.get(this.staffPhones), row.get(this.ringSeconds));
	}

	Voicemail voicemail() {
		SettingsRow row = this.settings.row();
		return new Voicemail(row.get(this.voicemailEnabled), row.get(this.voicemailGreeting));
	}

	MissedText missedText() {
		SettingsRow row = this.settings.row();
		return new MissedText(row.get(this.missedCallTemplate),
				Duration.ofSeconds(row.get(this.missedCallDelaySeconds)),
				Duration.ofHours(row.get(this.missedCallWindowHours)), row.get(this.quietHoursApplyToMissedCall));
	}

	@Override
	public List<SettingsSection> sections() {
		return List.of(
				new SettingsSection("Phone calls", "ringing your staff from your Twilio number", 45,
						List.of(this.staffPhones, this.ringSeconds, this.voicemailEnabled, this.voicemailGreeting)),
				new SettingsSection("Missed-call text", "once per caller, unless someone reached them first", 46,
						List.of(this.missedCallTemplate, this.missedCallDelaySeconds, this.missedCallWindowHours,
								this.quietHoursApplyToMissedCall)));
	}

	/**
	 * A template's merge fields that are not among {@code known}, named for the admin.
	 */
	private static String unknownFields(String template, Collection<String> known) {
		Set<String> unknown = MessageTemplates.unknownFields(template, known);
		if (unknown.isEmpty()) {
			return null;
		}
		return "Unknown merge field " + String.join(", ", unknown) + ". Use "
				+ String.join(", ", known.stream().sorted().map((f) -> "{" + f + "}").toList()) + ".";
	}

}
