package com.leadresponse.sms;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import com.leadresponse.settings.FieldTypes;
import com.leadresponse.settings.SettingsContributor;
import com.leadresponse.settings.SettingsField;
import com.leadresponse.settings.SettingsRow;
import com.leadresponse.settings.SettingsSection;
import com.leadresponse.settings.SettingsService;

import org.springframework.stereotype.Component;

/**
 * The SMS settings (SPEC 3): the per-lead limits, the hourly cap on automatic texts and
 * the quiet hours, as the rate limiter, the cap and the quiet-hours rule read them.
 */
@Component
public class SmsSettings implements SettingsContributor {

	private final SettingsService settings;

	private final SettingsField<Integer> minInterval;

	private final SettingsField<Integer> dailyLimit;

	private final SettingsField<LocalTime> quietStart;

	private final SettingsField<LocalTime> quietEnd;

	private final SettingsField<Boolean> quietInstant;

	private final SettingsField<Integer> hourlyCap;

	SmsSettings(SettingsService settings, SmsDefaults defaults) {
		this.settings = settings;
		this.minInterval = SettingsField
			.of("minSmsIntervalSeconds", "min_sms_interval_seconds", FieldTypes.integer(1, 86_400, "seconds"))
			.label("Seconds between two texts")
			.defaultValue(() -> (int) defaults.minInterval().toSeconds())
			.build();
		this.dailyLimit = SettingsField.of("dailySmsLimit", "daily_sms_limit", FieldTypes.integer(1, 100, "texts"))
			.label("Texts per day")
			.defaultValue(defaults::dailyLimit)
			.build();
		this.quietStart = SettingsField.of("quietHoursStart", "quiet_hours_start", FieldTypes.time())
			.label("No follow-ups from")
			.defaultValue(defaults::quietHoursStart)
			.build();
		this.quietEnd = SettingsField.of("quietHoursEnd", "quiet_hours_end", FieldTypes.time())
			.label("until")
			.defaultValue(defaults::quietHoursEnd)
			.build();
		this.quietInstant = SettingsField
			.of("quietHoursApplyToInstant", "quiet_hours_apply_to_instant", FieldTypes.bool())
			.label("Hold the instant response too")
			.hint("(off: a lead who just asked is answered at once, day or night)")
			.defaultValue(defaults::quietHoursApplyToInstant)
			.build();
		this.hourlyCap = SettingsField
			.of("outboundHourlyCap", "outbound_hourly_cap", FieldTypes.integer(1, 1_000_000, "texts an hour"))
			.label("Automatic texts an hour, all leads together")
			.hint("instant responses and follow-ups; beyond it they wait for the next hour and staff are alerted")
			.defaultValue(defaults::outboundHourlyCap)
			.build();
	}

	/** The per-lead limits in force. */
	public SmsLimits limits() {
		SettingsRow row = this.settings.row();
		return new SmsLimits(Duration.ofSeconds(row.get(this.minInterval)), row.get(this.dailyLimit));
	}

	QuietHours.Window quietHours() {
		SettingsRow row = this.settings.row();
		return new QuietHours.Window(row.get(this.quietStart), row.get(this.quietEnd), row.get(this.quietInstant));
	}

	/** The most automatic texts of one clock hour (SPEC 3 {@code outboundHourlyCap}). */
	int outboundHourlyCap() {
		return this.settings.get(this.hourlyCap);
	}

	@Override
	public List<SettingsSection> sections() {
		return List.of(new SettingsSection("SMS limits per lead", null, 10, List.of(this.minInterval, this.dailyLimit)),
				new SettingsSection("Automatic texts", "against a lead source turned into an SMS pump", 12,
						List.of(this.hourlyCap)),
				new SettingsSection("Quiet hours", "in the lead's local time", 30,
						List.of(this.quietStart, this.quietEnd, this.quietInstant)));
	}

}
