package com.leadresponse.settings;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The configured defaults of every setting ({@code BUSINESS_NAME},
 * {@code BUSINESS_TIMEZONE}, {@code BUSINESS_COUNTRY}, and the limits of SPEC 5); values
 * saved on the settings page win.
 */
@Validated
@ConfigurationProperties("business")
public record SettingsDefaults(@NotBlank @DefaultValue("Our team") String name,
		@NotNull @DefaultValue("America/Chicago") ZoneId timezone,
		@NotNull @Pattern(regexp = "[A-Z]{2}") @DefaultValue("US") String country,
		@NotNull @DefaultValue("60s") Duration minSmsInterval, @Min(1) @DefaultValue("5") int dailySmsLimit,
		@Min(1) @DefaultValue("30") int sequenceExpiryDays, @Min(1) @DefaultValue("50") int expiryBatchSize,
		@NotNull @DefaultValue("24h") Duration webhookRetention,
		@NotNull @DefaultValue("21:00") LocalTime quietHoursStart,
		@NotNull @DefaultValue("08:00") LocalTime quietHoursEnd,
		@DefaultValue("false") boolean quietHoursApplyToInstant) {
}
