package com.leadresponse.settings;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weekly schedule's arithmetic (SPEC 11): local opening times across midnight and
 * across DST changes, where an opening falls on a day whose offset is not the one of now.
 */
class WeeklyHoursTest {

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	@Test
	void theNextOpeningAcrossTheMarchChangeIsAtSevenLocalTime() {
		WeeklyHours hours = everyDay(LocalTime.of(7, 0), LocalTime.of(17, 0));

		// Saturday 7 March 22:00 CST: Sunday opens 07:00 CDT, 12:00 UTC (not 13:00).
		assertThat(hours.nextOpening(Instant.parse("2026-03-08T04:00:00Z"), CHICAGO).orElseThrow().toInstant())
			.isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
	}

	@Test
	void theNextOpeningAcrossTheNovemberChangeIsAtSevenLocalTime() {
		WeeklyHours hours = everyDay(LocalTime.of(7, 0), LocalTime.of(17, 0));

		// Saturday 31 October 22:00 CDT: Sunday opens 07:00 CST, 13:00 UTC (not 12:00).
		assertThat(hours.nextOpening(Instant.parse("2026-11-01T03:00:00Z"), CHICAGO).orElseThrow().toInstant())
			.isEqualTo(Instant.parse("2026-11-01T13:00:00Z"));
	}

	@Test
	void anOpeningTheMarchChangeSkipsStartsWhenTheClocksHaveMovedOn() {
		WeeklyHours hours = everyDay(LocalTime.of(2, 30), LocalTime.of(4, 0));

		// 02:30 does not exist on 8 March in Chicago: the opening is 03:30 CDT.
		assertThat(hours.nextOpening(Instant.parse("2026-03-08T07:00:00Z"), CHICAGO).orElseThrow().toInstant())
			.isEqualTo(Instant.parse("2026-03-08T08:30:00Z"));
	}

	@Test
	void aRangeThatCrossesMidnightIsOpenUntilItsCloseTheNextDay() {
		Map<DayOfWeek, List<WeeklyHours.Range>> days = new EnumMap<>(DayOfWeek.class);
		days.put(DayOfWeek.FRIDAY, List.of(new WeeklyHours.Range(LocalTime.of(18, 0), LocalTime.of(2, 0))));
		WeeklyHours hours = new WeeklyHours(days);

		// Saturday 7 March 01:59 and 02:00 CST.
		assertThat(hours.openAt(Instant.parse("2026-03-07T07:59:00Z"), CHICAGO)).isTrue();
		assertThat(hours.openAt(Instant.parse("2026-03-07T08:00:00Z"), CHICAGO)).isFalse();
		// Friday 17:59 and 18:00.
		assertThat(hours.openAt(Instant.parse("2026-03-06T23:59:00Z"), CHICAGO)).isFalse();
		assertThat(hours.openAt(Instant.parse("2026-03-07T00:00:00Z"), CHICAGO)).isTrue();
	}

	@Test
	void midnightToMidnightIsTheWholeDay() {
		assertThat(WeeklyHours.ALWAYS_OPEN.openAt(Instant.parse("2026-03-08T08:30:00Z"), CHICAGO)).isTrue();
		assertThat(WeeklyHours.ALWAYS_OPEN.openAt(Instant.parse("2026-11-01T06:30:00Z"), CHICAGO)).isTrue();
	}

	@Test
	void theCustomerIsToldTheOpeningAsPeopleSayIt() {
		assertThat(BusinessHours.forCustomers(Instant.parse("2026-03-09T12:00:00Z").atZone(CHICAGO)))
			.isEqualTo("7:00 AM Monday");
		assertThat(BusinessHours.forCustomers(Instant.parse("2026-03-09T22:30:00Z").atZone(CHICAGO)))
			.isEqualTo("5:30 PM Monday");
	}

	private static WeeklyHours everyDay(LocalTime open, LocalTime close) {
		Map<DayOfWeek, List<WeeklyHours.Range>> days = new EnumMap<>(DayOfWeek.class);
		for (DayOfWeek day : DayOfWeek.values()) {
			days.put(day, List.of(new WeeklyHours.Range(open, close)));
		}
		return new WeeklyHours(days);
	}

}
