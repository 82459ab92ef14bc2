package com.leadresponse.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A bar per day, laid out for an inline SVG drawn on the server: no chart library, no
 * script, and it scales to any screen width.
 */
record DayChart(List<Bar> bars, List<Tick> ticks, String maxLabel, boolean empty) {

	static final double WIDTH = 600;

	static final double HEIGHT = 150;

	/** One day's bar; {@code title} is its tooltip. */
	record Bar(double x, double y, double width, double height, String title) {
	}

	/**
	 * A day named under the axis; the first and last are aligned to stay inside.
	 * {@code minor} ticks are left out on a phone, so labels never run together.
	 */
	record Tick(double x, String label, String anchor, boolean minor) {
	}

	static DayChart of(List<LocalDate> days, Map<LocalDate, ? extends Number> values, DoubleFunction<String> format,
			Function<LocalDate, String> dayLabel) {
		return of(days, values, format, dayLabel, 0);
	}

	/**
	 * A chart whose bars are drawn against at least {@code floor}: a day of 0.04 s is not
	 * a full bar because it is the slowest of very fast days.
	 */
	static DayChart of(List<LocalDate> days, Map<LocalDate, ? extends Number> values, DoubleFunction<String> format,
			Function<LocalDate, String> dayLabel, double floor) {
		double highest = 0;
		for (LocalDate day : days) {
			Number value = values.get(day);
			highest = Math.max(highest, (value != null) ? value.doubleValue() : 0);
		}
		double max = (highest > 0) ? Math.max(highest, floor) : 0;
		double slot = WIDTH / days.size();
		double gap = (slot > 6) ? slot * 0.2 : 0.5;
		List<Bar> bars = new ArrayList<>();
		List<Tick> ticks = new ArrayList<>();
		// Every day of a week; five evenly spread days of a month or a quarter.
		int n = days.size();
		Set<Integer> tickDays = (n <= 7) ? IntStream.range(0, n).boxed().collect(Collectors.toSet())
				: Set.of(0, n / 4, n / 2, 3 * n / 4, n - 1);
		for (int i = 0; i < n; i++) {
			LocalDate day = days.get(i);
			Number value = values.get(day);
			double v = (value != null) ? value.doubleValue() : 0;
			double height = (max > 0) ? Math.max((v > 0) ? 2 : 0, v / max * HEIGHT) : 0;
			bars.add(new Bar(i * slot + gap / 2, HEIGHT - height, slot - gap, height,
					dayLabel.apply(day) + ": " + format.apply(v)));
			if (tickDays.contains(i)) {
				String anchor = (n > 7 && i == 0) ? "start" : (n > 7 && i == n - 1) ? "end" : "middle";
				double x = anchor.equals("start") ? i * slot
						: anchor.equals("end") ? (i + 1) * slot : i * slot + slot / 2;
				boolean minor = (n <= 7) ? (i % 2 == 1) : (i == n / 4 || i == 3 * n / 4);
				ticks.add(new Tick(x, dayLabel.apply(day), anchor, minor));
			}
		}
		return new DayChart(bars, ticks, format.apply(highest), highest == 0);
	}

}
