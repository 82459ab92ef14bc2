package com.leadresponse.settings;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A weekly schedule of opening hours in the business zone (SPEC 11): for each day, the
 * ranges it is open, none on a closed day. A range whose close is at or before its open
 * runs past midnight into the next day ({@code 00:00} to {@code 00:00} is the whole day),
 * so an evening shift belongs to the day it starts on. Times are local: a range is open
 * from 07:00 whatever the offset is that day, so a DST change moves it with the clocks.
 */
public record WeeklyHours(Map<DayOfWeek, List<Range>> days) {

	/** The days as the settings API names them, Monday first. */
	public static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

	/** Open every day around the clock: the schedule before one is set. */
	public static final WeeklyHours ALWAYS_OPEN = always();

	/**
	 * One opening: from {@code open} to {@code close}, the next day's when not after it.
	 */
	public record Range(LocalTime open, LocalTime close) {

		boolean crossesMidnight() {
			return !this.close.isAfter(this.open);
		}

	}

	public WeeklyHours {
		Map<DayOfWeek, List<Range>> copy = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			copy.put(day, List.copyOf(days.getOrDefault(day, List.of())));
		}
		days = Collections.unmodifiableMap(copy);
	}

	/** Whether the business is open at this moment, in its zone. */
	public boolean openAt(Instant at, ZoneId zone) {
		ZonedDateTime local = at.atZone(zone);
		LocalTime time = local.toLocalTime();
		for (Range range : this.days.get(local.getDayOfWeek())) {
			if (!time.isBefore(range.open()) && (range.crossesMidnight() || time.isBefore(range.close()))) {
				return true;
			}
		}
		for (Range range : this.days.get(local.getDayOfWeek().minus(1))) {
			if (range.crossesMidnight() && time.isBefore(range.close())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The next moment after {@code at} that an opening starts, in the business zone;
	 * empty for a week without hours. An opening time that a DST change skips starts when
	 * the clocks have moved on.
	 */
	public Optional<ZonedDateTime> nextOpening(Instant at, ZoneId zone) {
		LocalDate today = at.atZone(zone).toLocalDate();
		ZonedDateTime next = null;
		for (int i = 0; i <= 7; i++) {
			LocalDate day = today.plusDays(i);
			for (Range range : this.days.get(day.getDayOfWeek())) {
				ZonedDateTime start = ZonedDateTime.of(day, range.open(), zone);
				if (start.toInstant().isAfter(at) && (next == null || start.isBefore(next))) {
					next = start;
				}
			}
		}
		return Optional.ofNullable(next);
	}

	/** Whether any day has hours. */
	boolean hasHours() {
		return this.days.values().stream().anyMatch((ranges) -> !ranges.isEmpty());
	}

	/** The schedule as the settings API shows it: every day by name, Monday first. */
	Map<String, List<Map<String, String>>> toJson() {
		Map<String, List<Map<String, String>>> json = new LinkedHashMap<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			List<Map<String, String>> ranges = new ArrayList<>();
			for (Range range : this.days.get(day)) {
				Map<String, String> item = new LinkedHashMap<>();
				item.put("open", range.open().toString());
				item.put("close", range.close().toString());
				ranges.add(item);
			}
			json.put(nameOf(day), ranges);
		}
		return json;
	}

	static String nameOf(DayOfWeek day) {
		return DAY_NAMES.get(day.getValue() - 1);
	}

	private static WeeklyHours always() {
		Map<DayOfWeek, List<Range>> days = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			days.put(day, List.of(new Range(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
		}
		return new WeeklyHours(days);
	}

}
