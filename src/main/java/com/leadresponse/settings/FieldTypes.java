package com.leadresponse.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Time;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import tools.jackson.databind.JsonNode;

/**
 * The kinds of settings the product has, each read the same way from the settings page
 * and the settings API, with the sentence that names what is wrong.
 */
public final class FieldTypes {

	/**
	 * ISO 3166 two-letter codes, as {@code BUSINESS_COUNTRY} and phone regions use them.
	 */
	public static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	/** Every region time zone Java knows, offered by the page's pick-list. */
	public static final List<String> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter((z) -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
		.sorted()
		.toList();

	private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");

	private FieldTypes() {
	}

	/** A whole number in a range, e.g. "Enter 1 to 100 texts." */
	public static FieldType<Integer> integer(int min, int max, String unit) {
		String problem = "Enter " + min + " to " + max + " " + unit + ".";
		return new Scalar<>("number", (typed) -> {
			try {
				return inRange(Integer.parseInt(typed.strip()), min, max, problem);
			}
			catch (NumberFormatException ex) {
				throw new InvalidSettingException(problem);
			}
		}, (json) -> {
			if (!json.isIntegralNumber() || !json.canConvertToInt()) {
				throw new InvalidSettingException(problem);
			}
			return inRange(json.asInt(), min, max, problem);
		}, (value) -> value, (stored) -> ((Number) stored).intValue(), (value) -> value, String::valueOf);
	}

	/** A line of text of 1 to {@code maxLength} characters. */
	public static FieldType<String> text(int maxLength, String problem) {
		Reader<String> read = (typed) -> {
			String value = cleanText(typed, problem);
			if (value.isEmpty() || value.length() > maxLength) {
				throw new InvalidSettingException(problem);
			}
			return value;
		};
		return new Scalar<>("text", read, (json) -> read.read(string(json, problem)), (value) -> value,
				(stored) -> (String) stored, (value) -> value, (value) -> value);
	}

	/**
	 * A text over one or more lines of 1 to {@code maxLength} characters, such as a
	 * template, refused with {@code problem} or with the sentence {@code check} answers
	 * for it (null when it has nothing against it).
	 */
	public static FieldType<String> multilineText(int maxLength, String problem, Function<String, String> check) {
		Reader<String> read = (typed) -> {
			String value = cleanText(typed, problem);
			if (value.isEmpty() || value.length() > maxLength) {
				throw new InvalidSettingException(problem);
			}
			String objection = check.apply(value);
			if (objection != null) {
				throw new InvalidSettingException(objection);
			}
			return value;
		};
		return new Scalar<>("textarea", read, (json) -> read.read(string(json, problem)), (value) -> value,
				(stored) -> (String) stored, (value) -> value, (value) -> value);
	}

	/** A time zone by its region name, such as America/Chicago. */
	public static FieldType<ZoneId> zone() {
		String problem = "Unknown time zone. Use a name such as America/Chicago or Europe/London.";
		Reader<ZoneId> read = (typed) -> {
			try {
				return ZoneId.of(typed.strip());
			}
			catch (DateTimeException ex) {
				throw new InvalidSettingException(problem);
			}
		};
		return new Scalar<>("zone", read, (json) -> read.read(string(json, problem)), ZoneId::getId,
				(stored) -> ZoneId.of((String) stored), ZoneId::getId, ZoneId::getId);
	}

	/** A two-letter country code, such as US. */
	public static FieldType<String> country() {
		String problem = "Use a two-letter country code such as US or CA.";
		Reader<String> read = (typed) -> {
			String code = typed.strip().toUpperCase(Locale.ROOT);
			if (!COUNTRIES.contains(code)) {
				throw new InvalidSettingException(problem);
			}
			return code;
		};
		return new Scalar<>("country", read, (json) -> read.read(string(json, problem)), (value) -> value,
				(stored) -> (String) stored, (value) -> value, (value) -> value);
	}

	/** A time of day as HH:MM. */
	public static FieldType<LocalTime> time() {
		String problem = "Enter a time as HH:MM, such as 21:00.";
		Reader<LocalTime> read = (typed) -> {
			try {
				return LocalTime.parse(typed.strip());
			}
			catch (DateTimeParseException ex) {
				throw new InvalidSettingException(problem);
			}
		};
		return new Scalar<>("time", read, (json) -> read.read(string(json, problem)), Time::valueOf,
				(stored) -> ((Time) stored).toLocalTime(), LocalTime::toString, LocalTime::toString);
	}

	/** On or off: a checkbox on the page, {@code true}/{@code false} in the API. */
	public static FieldType<Boolean> bool() {
		return new Scalar<>("checkbox",
				(typed) -> "true".equalsIgnoreCase(typed.strip()) || "on".equalsIgnoreCase(typed.strip()), (json) -> {
					if (!json.isBoolean()) {
						throw new InvalidSettingException("Use true or false.");
					}
					return json.asBoolean();
				}, (value) -> value, (stored) -> (Boolean) stored, (value) -> value, String::valueOf);
	}

	/**
	 * Phone numbers, read in the business country and kept in E.164; commas or semicolons
	 * separate them on the page (people write spaces inside numbers).
	 */
	public static FieldType<List<String>> phones(int max) {
		return new ListType("phones", "[,;]+", max, "Enter at most " + max + " phone numbers.", null,
				(entry, context) -> {
					PhoneNumberUtil util = PhoneNumberUtil.getInstance();
					try {
						PhoneNumber number = util.parse(entry, context.businessCountry());
						if (util.isValidNumber(number)) {
							return util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
						}
					}
					catch (NumberParseException ex) {
						// Named below with the entry as typed.
					}
					throw new InvalidSettingException(
							"“" + entry + "” is not a phone number. Separate numbers with commas, e.g. +15125550134.");
				});
	}

	/** E-mail addresses, separated by commas, semicolons or spaces on the page. */
	public static FieldType<List<String>> emails(int max) {
		return new ListType("emails", "[,;\\s]+", max, "Enter at most " + max + " e-mail addresses.", null,
				(entry, context) -> {
					if (!EMAIL.matcher(entry).matches() || entry.length() > 320) {
						throw new InvalidSettingException(
								"“" + entry + "” is not an e-mail address. Separate addresses with commas.");
					}
					return entry;
				});
	}

	/** Two-letter country codes, such as US, CA: at least one. */
	public static FieldType<List<String>> countries(int max) {
		return new ListType("countries", "[,;\\s]+", max, "Enter at most " + max + " countries.",
				"Enter at least one country, such as US.", (entry, context) -> {
					String code = entry.toUpperCase(Locale.ROOT);
					if (!COUNTRIES.contains(code)) {
						throw new InvalidSettingException(
								"“" + entry + "” is not a two-letter country code. Use codes such as US, CA.");
					}
					return code;
				});
	}

	/**
	 * A secret of a lead source's connector, write-only: stored as its SHA-256
	 * ({@link #hashOf}), never shown again; {@code GET /api/settings} answers
	 * {@code "set"} or null, and JSON null clears it. At least {@code minLength}
	 * characters, so that its hash cannot be reversed by guessing.
	 */
	public static FieldType<String> secret(int minLength) {
		String problem = "Enter " + minLength + " to 200 characters without spaces at either end.";
		Reader<String> read = (typed) -> {
			String value = cleanText(typed, problem);
			if (!value.equals(typed) || value.length() < minLength || value.length() > 200) {
				throw new InvalidSettingException(problem);
			}
			return hashOf(value);
		};
		FieldType<String> scalar = new Scalar<>("secret", read,
				(json) -> json.isNull() ? null : read.read(string(json, problem)), (hash) -> hash,
				(stored) -> (String) stored, (hash) -> (hash != null) ? SECRET_SET : null, (hash) -> "");
		return new WriteOnly(scalar);
	}

	/** What {@code GET /api/settings} answers for a secret that is set. */
	static final String SECRET_SET = "set";

	/** A secret: {@code "set"} sent back, as {@code GET} answered it, keeps it. */
	private record WriteOnly(FieldType<String> type) implements FieldType<String> {

		@Override
		public String fromForm(String typed, Context context) throws InvalidSettingException {
			return this.type.fromForm(typed, context);
		}

		@Override
		public String fromJson(JsonNode value, Context context) throws InvalidSettingException {
			return this.type.fromJson(value, context);
		}

		@Override
		public boolean keepsStored(JsonNode value) {
			return value.isString() && SECRET_SET.equals(value.asString());
		}

		@Override
		public Object toColumn(String value) {
			return this.type.toColumn(value);
		}

		@Override
		public String fromColumn(Object stored) {
			return this.type.fromColumn(stored);
		}

		@Override
		public Object toJson(String value) {
			return this.type.toJson(value);
		}

		@Override
		public String toForm(String value) {
			return this.type.toForm(value);
		}

		@Override
		public String input() {
			return this.type.input();
		}

	}

	/** How a connector secret is stored and compared: SHA-256, in hex. */
	public static String hashOf(String secret) {
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Web origins, such as https://www.example.com: a scheme (http or https), a host and
	 * an optional port, nothing else; stored as the browser sends them in {@code Origin}
	 * (lower case, no trailing slash). An empty list is allowed.
	 */
	public static FieldType<List<String>> origins(int max) {
		return new ListType("origins", "[,;\\s]+", max, "Enter at most " + max + " origins.", null,
				(entry, context) -> {
					String problem = "“" + entry
							+ "” is not a web origin. Use the address of the site, such as https://www.example.com.";
					try {
						URI uri = new URI(entry);
						String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
						boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty()
								|| "/".equals(uri.getRawPath());
						if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !bare
								|| uri.getRawQuery() != null || uri.getRawFragment() != null
								|| uri.getUserInfo() != null) {
							throw new InvalidSettingException(problem);
						}
						return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
								+ ((uri.getPort() >= 0) ? ":" + uri.getPort() : "");
					}
					catch (URISyntaxException ex) {
						throw new InvalidSettingException(problem);
					}
				});
	}

	private static int inRange(int value, int min, int max, String problem) throws InvalidSettingException {
		if (value < min || value > max) {
			throw new InvalidSettingException(problem);
		}
		return value;
	}

	private static String string(JsonNode json, String problem) throws InvalidSettingException {
		if (!json.isString()) {
			throw new InvalidSettingException(problem);
		}
		return json.asString();
	}

	/** Text as stored: stripped; a NUL or other control character can never be valid. */
	static String cleanText(String typed, String problem) throws InvalidSettingException {
		String value = typed.strip();
		if (value.chars().anyMatch((c) -> (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)) {
			throw new InvalidSettingException(problem + " It must not contain control characters.");
		}
		return value;
	}

	@FunctionalInterface
	private interface Reader<T> {

		T read(String typed) throws InvalidSettingException;

	}

	@FunctionalInterface
	private interface JsonReader<T> {

		T read(JsonNode json) throws InvalidSettingException;

	}

	@FunctionalInterface
	private interface EntryReader {

		String read(String entry, FieldType.Context context) throws InvalidSettingException;

	}

	/** A single value in one column. */
	private record Scalar<T>(String input, Reader<T> form, JsonReader<T> json, Function<T, Object> column,
			Function<Object, T> stored, Function<T, Object> shown, Function<T, String> typed) implements FieldType<T> {

		@Override
		public T fromForm(String typed, Context context) throws InvalidSettingException {
			return this.form.read((typed != null) ? typed : "");
		}

		@Override
		public T fromJson(JsonNode value, Context context) throws InvalidSettingException {
			return this.json.read(value);
		}

		@Override
		public Object toColumn(T value) {
			return this.column.apply(value);
		}

		@Override
		public T fromColumn(Object stored) {
			return this.stored.apply(stored);
		}

		@Override
		public Object toJson(T value) {
			return this.shown.apply(value);
		}

		@Override
		public String toForm(T value) {
			return this.typed.apply(value);
		}

	}

	/**
	 * A list of entries, stored comma-separated in one text column; {@code empty} is the
	 * sentence refusing an empty list, or null where an empty list is allowed.
	 */
	private record ListType(String input, String separators, int max, String tooMany, String empty,
			EntryReader entry) implements FieldType<List<String>> {

		@Override
		public List<String> fromForm(String typed, Context context) throws InvalidSettingException {
			if (typed == null || typed.isBlank()) {
				return read(List.of(), context);
			}
			List<String> entries = Arrays.stream(typed.split(this.separators))
				.map(String::strip)
				.filter((v) -> !v.isEmpty())
				.toList();
			return read(entries, context);
		}

		@Override
		public List<String> fromJson(JsonNode value, Context context) throws InvalidSettingException {
			if (!value.isArray()) {
				throw new InvalidSettingException("Send a list, e.g. [\"...\", \"...\"].");
			}
			List<String> entries = new ArrayList<>();
			for (JsonNode item : value) {
				if (!item.isString()) {
					throw new InvalidSettingException("Send each entry as a string.");
				}
				entries.add(item.asString().strip());
			}
			return read(entries, context);
		}

		private List<String> read(List<String> entries, Context context) throws InvalidSettingException {
			if (entries.size() > this.max) {
				throw new InvalidSettingException(this.tooMany);
			}
			if (entries.isEmpty() && this.empty != null) {
				throw new InvalidSettingException(this.empty);
			}
			List<String> values = new ArrayList<>();
			for (String entry : entries) {
				cleanText(entry, "Enter readable text.");
				values.add(this.entry.read(entry, context));
			}
			return List.copyOf(values);
		}

		@Override
		public Object toColumn(List<String> value) {
			return String.join(",", value);
		}

		@Override
		public List<String> fromColumn(Object stored) {
			String csv = (String) stored;
			return csv.isBlank() ? List.of()
					: Arrays.stream(csv.split(",")).map(String::trim).filter((v) -> !v.isEmpty()).toList();
		}

		@Override
		public Object toJson(List<String> value) {
			return value;
		}

		@Override
		public String toForm(List<String> value) {
			return String.join(", ", value);
		}

	}

}
