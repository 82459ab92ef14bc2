package com.leadresponse.settings;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long an instance may use its copy of the settings row before reading it again. A
 * change on any instance also ends every instance's copy at once (PostgreSQL
 * {@code NOTIFY}); the time-to-live bounds staleness when a notification is missed (a
 * connection that broke). Zero reads the row on every use.
 */
@Validated
@ConfigurationProperties("lead-response.settings")
record SettingsProperties(@NotNull @DefaultValue("10s") Duration cacheTtl) {
}
