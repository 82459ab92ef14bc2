package com.leadresponse.settings;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The setting {@code businessHours}: in the API the SPEC's object of seven days, each a
 * list of {@code {"open": "07:00", "close": "18:00"}} (empty for a closed day); on the
 * settings page one line a day, such as {@code Mon 07:00-18:00} or {@code Sun closed};
 * stored as the API's JSON in a {@code jsonb} column. Each mistake is named with the day
 * it is on.
 */
final class WeeklyHoursType implements FieldType<WeeklyHours> {

	/** More ranges than a split shift and an evening on one day is a typing mistake. */
	static final int MAX_RANGES_A_DAY = 4;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

	private static final Pattern RANGE = Pattern.compile("(\\d{1,2}:\\d{2})\\s*[-\u2013]\\s*(\\d{1,2}:\\d{2})");

	private static final String DAYS = String.join(", ", WeeklyHours.DAY_NAMES);

	private static final String NO_HOURS = "Open at least one day: the after-hours text says when you open next.";

	@Override
	public WeeklyHours fromJson(JsonNode value, Context context) throws InvalidSettingException {
		if (value == null || !value.isObject()) {
			throw new InvalidSettingException("Send an object of the seven days " + DAYS
					+ ", each a list of {\"open\": \"07:00\", \"close\": \"18:00\"} ([] for a closed day).");
		}
		Map<DayOfWeek, List<WeeklyHours.Range>> days = new EnumMap<>(DayOfWeek.class);
		for (Map.Entry<String, JsonNode> entry : value.properties()) {
			DayOfWeek day = day(entry.getKey());
			if (day == null) {
				throw new InvalidSettingException("Unknown day “" + entry.getKey() + "”. Use " + DAYS + ".");
			}
			JsonNode ranges = entry.getValue();
			if (!ranges.isArray()) {
				throw new InvalidSettingException(
						"Send " + entry.getKey() + " as a list of {\"open\": \"07:00\", \"close\": \"18:00\"}.");
			}
			List<WeeklyHours.Range> read = new ArrayList<>();
			for (JsonNode range : ranges) {
				read.add(range(entry.getKey(), range));
			}
			days.put(day, checkedDay(entry.getKey(), read));
		}
		if (days.size() != 7) {
			throw new InvalidSettingException("Send all seven days " + DAYS
					+ " (an empty list for a closed day), so no day is closed by mistake.");
		}
		return checkedWeek(new WeeklyHours(days));
	}

	@Override
	public WeeklyHours fromForm(String typed, Context context) throws InvalidSettingException {
		String text = FieldTypes.cleanText((typed != null) ? typed : "", "Write one line a day.");
		Map<DayOfWeek, List<WeeklyHours.Range>> days = new EnumMap<>(DayOfWeek.class);
		for (String line : text.split("\\R")) {
			String trimmed = line.strip();
			if (trimmed.isEmpty()) {
				continue;
			}
			String[] parts = trimmed.split("\\s+", 2);
			DayOfWeek day = day(parts[0]);
			if (day == null) {
				throw new InvalidSettingException("“" + parts[0] + "” is not a day. Start each line with Mon, Tue, "
						+ "Wed, Thu, Fri, Sat or Sun, e.g. Mon 07:00-18:00 or Sun closed.");
			}
			String name = WeeklyHours.nameOf(day);
			if (days.containsKey(day)) {
				throw new InvalidSettingException(capitalized(name) + " is on two lines. Write each day once.");
			}
			String rest = (parts.length > 1) ? parts[1].strip() : "";
			List<WeeklyHours.Range> ranges = new ArrayList<>();
			if (!rest.equalsIgnoreCase("closed")) {
				for (String piece : rest.split("\\s*,\\s*")) {
					Matcher matcher = RANGE.matcher(piece);
					if (!matcher.matches()) {
						throw new InvalidSettingException(capitalized(name)
								+ ": write its hours as 07:00-18:00 (several with commas), or closed.");
					}
					ranges.add(new WeeklyHours.Range(time(name, pad(matcher.group(1))),
							time(name, pad(matcher.group(2)))));
				}
			}
			days.put(day, checkedDay(name, ranges));
		}
		if (days.size() != 7) {
			Set<String> missing = new HashSet<>(WeeklyHours.DAY_NAMES);
			days.keySet().forEach((day) -> missing.remove(WeeklyHours.nameOf(day)));
			throw new InvalidSettingException("Write a line for every day; missing: "
					+ String.join(", ", WeeklyHours.DAY_NAMES.stream().filter(missing::contains).toList())
					+ " (write “Sun closed” for a closed day).");
		}
		return checkedWeek(new WeeklyHours(days));
	}

	@Override
	public Object toColumn(WeeklyHours value) {
		return JSON.writeValueAsString(value.toJson());
	}

	@Override
	public String columnExpression(String parameter) {
		return "CAST(:" + parameter + " AS jsonb)";
	}

	@Override
	public WeeklyHours fromColumn(Object stored) {
		try {
			return fromJson(JSON.readTree(stored.toString()), () -> "US");
		}
		catch (InvalidSettingException ex) {
			throw new IllegalStateException("The stored business hours are not valid: " + ex.getMessage(), ex);
		}
	}

	@Override
	public Object toJson(WeeklyHours value) {
		return value.toJson();
	}

	@Override
	public String toForm(WeeklyHours value) {
		StringBuilder text = new StringBuilder();
		for (DayOfWeek day : DayOfWeek.values()) {
			List<WeeklyHours.Range> ranges = value.days().get(day);
			text.append(capitalized(WeeklyHours.nameOf(day))).append(' ');
			text.append(ranges.isEmpty() ? "closed"
					: String.join(", ", ranges.stream().map((r) -> r.open() + "-" + r.close()).toList()));
			text.append('\n');
		}
		return text.toString().strip();
	}

	@Override
	public String input() {
		return "hours";
	}

	private static WeeklyHours.Range range(String day, JsonNode range) throws InvalidSettingException {
		String shape = "Send each range of " + day + " as {\"open\": \"07:00\", \"close\": \"18:00\"}.";
		if (!range.isObject() || range.size() != 2 || !range.has("open") || !range.has("close")
				|| !range.get("open").isString() || !range.get("close").isString()) {
			throw new InvalidSettingException(shape);
		}
		return new WeeklyHours.Range(time(day, range.get("open").asString()), time(day, range.get("close").asString()));
	}

	private static LocalTime time(String day, String typed) throws InvalidSettingException {
		if (!TIME.matcher(typed).matches()) {
			throw new InvalidSettingException(
					"“" + typed + "” on " + day + " is not a time. Write times as HH:MM, from 00:00 to 23:59.");
		}
		return LocalTime.parse(typed);
	}

	private static List<WeeklyHours.Range> checkedDay(String day, List<WeeklyHours.Range> ranges)
			throws InvalidSettingException {
		if (ranges.size() > MAX_RANGES_A_DAY) {
			throw new InvalidSettingException("Give " + day + " at most " + MAX_RANGES_A_DAY + " ranges.");
		}
		return ranges;
	}

	private static WeeklyHours checkedWeek(WeeklyHours hours) throws InvalidSettingException {
		if (!hours.hasHours()) {
			throw new InvalidSettingException(NO_HOURS);
		}
		return hours;
	}

	private static DayOfWeek day(String name) {
		String key = name.toLowerCase(Locale.ROOT);
		for (DayOfWeek day : DayOfWeek.values()) {
			String full = day.name().toLowerCase(Locale.ROOT);
			if (key.equals(WeeklyHours.nameOf(day)) || key.equals(full)) {
				return day;
			}
		}
		return null;
	}

	private static String pad(String time) {
		return (time.indexOf(':') == 1) ? "0" + time : time;
	}

	private static String capitalized(String day) {
		return Character.toUpperCase(day.charAt(0)) + day.substring(1);
	}

}
