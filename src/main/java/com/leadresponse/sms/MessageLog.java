package com.leadresponse.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.settings.Settings;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The conversation record outside the sending pipeline: inbound texts and delivery
 * statuses.
 */
@Service
public class MessageLog {

	/** A lead's SMS counter as staff and the API see it (SPEC 3 {@code rateLimit}). */
	public record RateLimitStatus(int smsCountToday, int dailyLimit, Instant lastSmsAt, Instant nextAllowedAt) {
	}

	private final MessageRepository messages;

	private final Clock clock;

	MessageLog(MessageRepository messages, Clock clock) {
		this.messages = messages;
		this.clock = clock;
	}

	/** Stores an inbound SMS; false when a message with this SID is already stored. */
	public boolean recordInbound(UUID leadId, String providerSid, String from, String to, String body) {
		return this.messages.insertInbound(leadId, providerSid, from, to, (body != null) ? body : "",
				this.clock.instant());
	}

	/**
	 * Applies a Twilio status callback, only forward (SPEC 5.10). Statuses the product
	 * does not track (accepted, scheduled, read, canceled, ...) change nothing.
	 * @return the lead of the message when it moved
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<UUID> applyDeliveryStatus(String sid, String twilioStatus, String errorCode) {
		MessageStatus status = MessageStatus.fromTwilio(twilioStatus);
		if (status == null) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		this.messages.lockSid(sid);
		if (!this.messages.applyDeliveryStatus(sid, status, errorCode, now)) {
			if (!this.messages.hasSid(sid)) {
				this.messages.parkStatus(sid, status, errorCode, now);
			}
			return Optional.empty();
		}
		return this.messages.leadOfSid(sid);
	}

	public Optional<Message> find(UUID messageId) {
		return this.messages.findById(messageId);
	}

	/** The counter "3 of 5 today, next in 42 s" from the lead's stored counters. */
	public static RateLimitStatus rateLimitStatus(Instant lastSmsAt, int countToday, Instant countDay, Instant now,
			Settings settings) {
		Instant today = RateLimiter.startOfDay(now, settings.businessZone());
		int count = today.equals(countDay) ? countToday : 0;
		Instant next = (lastSmsAt != null) ? lastSmsAt.plus(settings.minSmsInterval()) : now;
		if (count >= settings.dailySmsLimit()) {
			Instant tomorrow = RateLimiter.startOfNextDay(now, settings.businessZone());
			next = next.isAfter(tomorrow) ? next : tomorrow;
		}
		if (next.isBefore(now)) {
			next = now;
		}
		return new RateLimitStatus(count, settings.dailySmsLimit(), lastSmsAt, next);
	}

}
