package com.leadresponse.sms;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A lead's SMS counter as staff and the API see it (SPEC 3 {@code rateLimit}, SPEC 6 "3
 * of 5 today, next in 42 s"), from the lead's stored counters.
 */
public record RateLimitStatus(int smsCountToday, int dailyLimit, Instant lastSmsAt, Instant nextAllowedAt) {

	/** The counter as the stored counters, the limits and the clock make it now. */
	public static RateLimitStatus of(Instant lastSmsAt, int countToday, Instant countDay, Instant now, SmsLimits limits,
			ZoneId zone) {
		Instant today = RateLimiter.startOfDay(now, zone);
		int count = today.equals(countDay) ? countToday : 0;
		Instant next = (lastSmsAt != null) ? lastSmsAt.plus(limits.minInterval()) : now;
		if (count >= limits.dailyLimit()) {
			Instant tomorrow = RateLimiter.startOfNextDay(now, zone);
			next = next.isAfter(tomorrow) ? next : tomorrow;
		}
		if (next.isBefore(now)) {
			next = now;
		}
		return new RateLimitStatus(count, limits.dailyLimit(), lastSmsAt, next);
	}

}
