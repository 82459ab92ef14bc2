package com.leadresponse.system;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long an instance may use its copy of what every webhook would otherwise read (which
 * events enabled webhook endpoints take, staff's push subscriptions, the sequence's
 * steps, whether anyone takes new leads) before reading it again. A change on any
 * instance, or by SQL, also ends every instance's copy at once ({@link ChangeNotices});
 * the time-to-live bounds staleness when a notification is missed. Zero reads on every
 * use. The settings row has its own, {@code lead-response.settings.cache-ttl}.
 */
@Validated
@ConfigurationProperties("lead-response.caches")
public record CacheProperties(@NotNull @DefaultValue("10s") Duration ttl) {
}
