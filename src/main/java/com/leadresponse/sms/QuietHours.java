package com.leadresponse.sms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.leadresponse.settings.BusinessSettings;

import org.springframework.stereotype.Component;

/**
 * Quiet hours (SPEC 5.8): no follow-up between the configured evening and morning times
 * (default 21:00 to 08:00, 47 CFR 64.1200) in the lead's local time, read from the phone
 * number where it maps to one zone, else the business zone. The instant response is
 * exempt unless the settings say otherwise (the lead just asked).
 */
@Component
public class QuietHours {

	private static final PhoneNumberUtil PHONE_NUMBERS = PhoneNumberUtil.getInstance();

	private static final PhoneNumberToTimeZonesMapper ZONES = PhoneNumberToTimeZonesMapper.getInstance();

	/** The quiet window, in the lead's local time. */
	record Window(LocalTime start, LocalTime end, boolean applyToInstant) {
	}

	private final SmsSettings settings;

	private final BusinessSettings business;

	QuietHours(SmsSettings settings, BusinessSettings business) {
		this.settings = settings;
		this.business = business;
	}

	/**
	 * When a follow-up to this phone may go out: empty for now, or the end of the quiet
	 * period {@code now} falls in.
	 */
	public Optional<Instant> deferUntil(String e164, Instant now) {
		return deferUntil(e164, now, this.settings.quietHours(), this.business.zone());
	}

	/** Whether the instant response waits for quiet hours to end as follow-ups do. */
	public boolean appliesToInstantResponse() {
		return this.settings.quietHours().applyToInstant();
	}

	/** The lead's zone: the phone's single zone, else the business zone. */
	static ZoneId zoneOf(String e164, ZoneId businessZone) {
		try {
			PhoneNumber number = PHONE_NUMBERS.parse(e164, null);
			List<String> candidates = ZONES.getTimeZonesForNumber(number);
			if (candidates.size() == 1
					&& !PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(candidates.get(0))) {
				return ZoneId.of(candidates.get(0));
			}
		}
		catch (NumberParseException | RuntimeException ex) {
			// An unreadable number has no zone of its own: the business zone applies.
		}
		return businessZone;
	}

	static Optional<Instant> deferUntil(String e164, Instant now, Window window, ZoneId businessZone) {
		ZoneId zone = zoneOf(e164, businessZone);
		ZonedDateTime local = now.atZone(zone);
		LocalTime start = window.start();
		LocalTime end = window.end();
		LocalTime time = local.toLocalTime();
		boolean overnight = start.isAfter(end);
		boolean quiet = overnight ? (!time.isBefore(start) || time.isBefore(end))
				: (!time.isBefore(start) && time.isBefore(end));
		if (!quiet) {
			return Optional.empty();
		}
		LocalDate day = local.toLocalDate();
		if (overnight && !time.isBefore(start)) {
			day = day.plusDays(1);
		}
		// ZonedDateTime.of moves a morning time that a DST day skips forward.
		return Optional.of(ZonedDateTime.of(day, end, zone).toInstant());
	}

}
