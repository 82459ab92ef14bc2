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
import com.leadresponse.settings.Settings;

import org.springframework.stereotype.Component;

/**
 * Quiet hours (SPEC 5.8): no follow-up between the configured evening and morning times
 * (default 21:00 to 08:00, 47 CFR 64.1200) in the lead's local time, read from the phone
 * number where it maps to one zone, else the business zone.
 */
@Component
public class QuietHours {

	private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();

	private final PhoneNumberToTimeZonesMapper zones = PhoneNumberToTimeZonesMapper.getInstance();

	/** The lead's zone: the phone's single zone, else the business zone. */
	public ZoneId zoneOf(String e164, Settings settings) {
		try {
			PhoneNumber number = this.phoneNumbers.parse(e164, null);
			List<String> candidates = this.zones.getTimeZonesForNumber(number);
			if (candidates.size() == 1
					&& !PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(candidates.get(0))) {
				return ZoneId.of(candidates.get(0));
			}
		}
		catch (NumberParseException | RuntimeException ex) {
			// An unreadable number has no zone of its own: the business zone applies.
		}
		return settings.businessZone();
	}

	/**
	 * When a text to this phone may go out: {@code now}, or the end of the quiet period
	 * it falls in.
	 */
	public Optional<Instant> deferUntil(String e164, Instant now, Settings settings) {
		ZoneId zone = zoneOf(e164, settings);
		ZonedDateTime local = now.atZone(zone);
		LocalTime start = settings.quietHoursStart();
		LocalTime end = settings.quietHoursEnd();
		LocalTime time = local.toLocalTime();
		boolean quiet = start.isAfter(end) ? (!time.isBefore(start) || time.isBefore(end))
				: (!time.isBefore(start) && time.isBefore(end));
		if (!quiet) {
			return Optional.empty();
		}
		LocalDate day = local.toLocalDate();
		if (start.isAfter(end) && !time.isBefore(start)) {
			day = day.plusDays(1);
		}
		// atStartOfDay-style resolution: a morning time that does not exist on a DST day
		// moves forward.
		return Optional.of(ZonedDateTime.of(day, end, zone).toInstant());
	}

}
