package com.leadresponse.sms;

import java.time.Duration;
import java.time.LocalTime;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The defaults of the SMS settings (SPEC 5.5, 5.8, 3), used until an admin saves others:
 * 60 s between two texts, 5 a day, no follow-ups from 21:00 to 08:00 (47 CFR 64.1200),
 * and at most 300 automatic texts an hour for all leads together.
 */
@Validated
@ConfigurationProperties("lead-response.sms")
record SmsDefaults(@NotNull @DefaultValue("60s") Duration minInterval, @Min(1) @DefaultValue("5") int dailyLimit,
		@NotNull @DefaultValue("21:00") LocalTime quietHoursStart,
		@NotNull @DefaultValue("08:00") LocalTime quietHoursEnd,
		@DefaultValue("false") boolean quietHoursApplyToInstant, @Min(1) @DefaultValue("300") int outboundHourlyCap) {
}
