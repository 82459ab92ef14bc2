package com.leadresponse.settings;

import java.time.ZoneId;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The business profile's defaults ({@code BUSINESS_NAME}, {@code BUSINESS_TIMEZONE},
 * {@code BUSINESS_COUNTRY}, SPEC 2); values saved in the settings win.
 */
@Validated
@ConfigurationProperties("business")
record SettingsDefaults(@NotBlank @DefaultValue("Our team") String name,
		@NotNull @DefaultValue("America/Chicago") ZoneId timezone,
		@NotNull @Pattern(regexp = "[A-Z]{2}") @DefaultValue("US") String country) {
}
