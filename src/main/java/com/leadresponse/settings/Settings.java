package com.leadresponse.settings;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The settings in force: business profile, SMS limits, sequence expiry, webhook
 * retention, quiet hours and staff alert recipients.
 */
public record Settings(String businessName, ZoneId businessZone, String businessCountry, Duration minSmsInterval,
		int dailySmsLimit, int sequenceExpiryDays, int expiryBatchSize, Duration webhookRetention,
		LocalTime quietHoursStart, LocalTime quietHoursEnd, boolean quietHoursApplyToInstant, List<String> alertPhones,
		List<String> alertEmails) {

	public Duration sequenceExpiry() {
		return Duration.ofDays(this.sequenceExpiryDays);
	}

	/**
	 * The {@code closed_reason} of a lead whose sequence ran out (SPEC 5.6), with the
	 * configured period.
	 */
	public String expiredReason() {
		return "Sequence expired (" + this.sequenceExpiryDays + " days)";
	}

}
