package com.leadresponse.sms;

import java.time.Duration;

/**
 * The per-lead SMS limits in force (SPEC 5.5): at least {@code minInterval} between two
 * texts, at most {@code dailyLimit} per business day.
 */
public record SmsLimits(Duration minInterval, int dailyLimit) {
}
