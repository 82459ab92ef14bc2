package com.leadresponse.system;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import org.springframework.stereotype.Component;

/**
 * How the staff pages write times and durations ({@code @fmt} in templates): in the
 * business time zone, short enough for a phone screen.
 */
@Component("fmt")
public class PageFormats {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

	private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MMM d, h:mm a", Locale.US);

	private static final DateTimeFormatter YEAR_DAY_TIME = DateTimeFormatter.ofPattern("MMM d yyyy, h:mm a", Locale.US);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.US);

	private static final DateTimeFormatter YEAR_DAY = DateTimeFormatter.ofPattern("MMM d yyyy", Locale.US);

	/**
	 * A stored E.164 number as people read it, "+1 512-555-0134"; as stored when it does
	 * not parse.
	 */
	public String phone(String e164) {
		if (e164 == null) {
			return "";
		}
		try {
			PhoneNumberUtil util = PhoneNumberUtil.getInstance();
			return util.format(util.parse(e164, null), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
		}
		catch (NumberParseException ex) {
			return e164;
		}
	}

	/** "3:05 PM" today, "Mar 2, 3:05 PM" this year, else with the year. */
	public String dateTime(Instant at, ZoneId zone, Instant now) {
		if (at == null) {
			return "";
		}
		ZonedDateTime local = at.atZone(zone);
		LocalDate today = now.atZone(zone).toLocalDate();
		if (local.toLocalDate().equals(today)) {
			return TIME.format(local);
		}
		return ((local.getYear() == today.getYear()) ? DAY_TIME : YEAR_DAY_TIME).format(local);
	}

	/**
	 * A moment as people say it, with the day where it is not today: "today at 3:05 PM",
	 * "yesterday at 9:10 AM", "tomorrow at 8:00 AM", "Mar 2 at 3:05 PM", "Mar 2 2025 at
	 * 3:05 PM".
	 */
	public String at(Instant at, ZoneId zone, Instant now) {
		if (at == null) {
			return "";
		}
		ZonedDateTime local = at.atZone(zone);
		LocalDate today = now.atZone(zone).toLocalDate();
		LocalDate day = local.toLocalDate();
		String time = TIME.format(local);
		if (day.equals(today)) {
			return "today at " + time;
		}
		if (day.equals(today.minusDays(1))) {
			return "yesterday at " + time;
		}
		if (day.equals(today.plusDays(1))) {
			return "tomorrow at " + time;
		}
		return ((day.getYear() == today.getYear()) ? DAY : YEAR_DAY).format(local) + " at " + time;
	}

	/**
	 * How long until a moment to come, as people say it: "in 42 s", "in 5 min", else when
	 * it is ("today at 5:00 PM", "tomorrow at 8:00 AM"); "now" once it has come.
	 */
	public String until(Instant at, ZoneId zone, Instant now) {
		if (at == null) {
			return "";
		}
		long seconds = Duration.between(now, at).toSeconds();
		if (seconds <= 0) {
			return "now";
		}
		if (seconds < 120) {
			return "in " + seconds + " s";
		}
		if (seconds < 3600) {
			return "in " + ((seconds + 59) / 60) + " min";
		}
		return at(at, zone, now);
	}

	/** How long something has waited: "just now", "12 min", "2 h 5 min", "3 days". */
	public String waited(Instant since, Instant now) {
		if (since == null) {
			return "";
		}
		long minutes = Duration.between(since, now).toMinutes();
		if (minutes < 1) {
			return "just now";
		}
		if (minutes < 60) {
			return minutes + " min";
		}
		if (minutes < 1440) {
			return (minutes / 60) + " h" + ((minutes % 60 != 0) ? " " + (minutes % 60) + " min" : "");
		}
		long days = minutes / 1440;
		return days + ((days == 1) ? " day" : " days");
	}

	/** A date and time in full, for tooltips. */
	public String full(Instant at, ZoneId zone) {
		return (at != null) ? YEAR_DAY_TIME.format(at.atZone(zone)) + " " + zone.getId() : "";
	}

	public String day(LocalDate date) {
		return DAY.format(date);
	}

	/** "just now", "5 min ago", "3 h ago", or the day for older times. */
	public String ago(Instant at, ZoneId zone, Instant now) {
		if (at == null) {
			return "";
		}
		Duration age = Duration.between(at, now);
		if (age.toSeconds() < 60) {
			return "just now";
		}
		if (age.toMinutes() < 60) {
			return age.toMinutes() + " min ago";
		}
		if (age.toHours() < 24) {
			return age.toHours() + " h ago";
		}
		return DAY.format(at.atZone(zone));
	}

	/** "42 s", "3 min 5 s", "2 h 10 min", "3 days". */
	public String duration(Duration duration) {
		if (duration == null) {
			return "–";
		}
		long seconds = Math.max(0, duration.toSeconds());
		if (seconds < 60) {
			return (duration.toMillis() < 10_000)
					? String.format(Locale.US, "%.1f s", Math.max(0, duration.toMillis()) / 1000.0) : seconds + " s";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min" + ((seconds % 60 != 0) ? " " + (seconds % 60) + " s" : "");
		}
		if (seconds < 86_400) {
			return (seconds / 3600) + " h" + ((seconds % 3600 / 60 != 0) ? " " + (seconds % 3600 / 60) + " min" : "");
		}
		long days = seconds / 86_400;
		return days + ((days == 1) ? " day" : " days");
	}

}
