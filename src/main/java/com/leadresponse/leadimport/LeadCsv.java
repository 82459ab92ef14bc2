package com.leadresponse.leadimport;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file of leads (RFC 4180, UTF-8 with or without a byte order mark, commas,
 * semicolons or tabs): the first line names the columns, mapped to the lead's fields by
 * header name with the synonyms of {@link #HEADERS} (case, spaces and punctuation do not
 * matter); other columns are ignored. A file that is not such a text is refused whole,
 * naming the problem and its line.
 */
final class LeadCsv {

	/** At most this many rows in one file: a larger import is split. */
	static final int MAX_ROWS = 10_000;

	/**
	 * No field takes more (a job description takes 5,000): a longer value is a broken
	 * file, most often a quote left open that swallowed the lines after it.
	 */
	static final int MAX_VALUE = 10_000;

	/** The lead's fields and the headers that mean them (docs/sources.md). */
	static final Map<String, List<String>> HEADERS = headers();

	/** One row of the file: its line (the header is line 1) and its values by field. */
	record Row(long line, Map<String, String> values) {

		String get(String field) {
			String value = this.values.get(field);
			return (value == null || value.isEmpty()) ? null : value;
		}

	}

	private LeadCsv() {
	}

	static List<Row> read(byte[] bytes) {
		String text = decode(bytes);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		int nul = text.indexOf('\0');
		if (nul >= 0) {
			long line = text.substring(0, nul).chars().filter((c) -> c == '\n').count() + 1;
			throw BadCsvException.because("Line " + line + " holds a NUL byte: this is not a CSV text file.");
		}
		if (text.isBlank()) {
			throw BadCsvException.because("The file is empty: it needs a header line and a row per lead.");
		}
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setDelimiter(delimiter(text))
			.setIgnoreEmptyLines(true)
			.setTrim(true)
			.get();
		try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
			Iterator<CSVRecord> records = parser.iterator();
			Map<String, Integer> columns = columns(records.next());
			if (!columns.containsKey("phone")) {
				throw BadCsvException.because("No phone column: name one of the columns "
						+ String.join(", ", HEADERS.get("phone").stream().limit(4).map((h) -> "\"" + h + "\"").toList())
						+ ".");
			}
			if (!columns.containsKey("name") && !columns.containsKey("firstName")) {
				throw BadCsvException
					.because("No name column: name one of the columns \"name\", \"full name\" or \"first name\".");
			}
			List<Row> rows = new ArrayList<>();
			while (records.hasNext()) {
				CSVRecord record = records.next();
				// The header is line 1, as the spreadsheet numbers its rows.
				long line = record.getRecordNumber();
				for (String value : record) {
					if (value.length() > MAX_VALUE) {
						throw BadCsvException.because("Line " + line + " has a value of " + value.length()
								+ " characters, more than any field takes (" + MAX_VALUE
								+ "): is a quote left open before it?");
					}
				}
				Map<String, String> values = new LinkedHashMap<>();
				columns.forEach((field, index) -> values.put(field,
						(index < record.size()) ? unguarded(record.get(index)) : ""));
				if (values.values().stream().allMatch(String::isEmpty)) {
					continue;
				}
				if (rows.size() == MAX_ROWS) {
					throw BadCsvException
						.because("The file has more than " + MAX_ROWS + " rows: split it and import each part.");
				}
				rows.add(new Row(line, values));
			}
			return rows;
		}
		catch (UncheckedIOException | IllegalStateException | IllegalArgumentException ex) {
			throw BadCsvException.because("The file is not valid CSV: " + reason(ex)
					+ ". Check that every quoted value is closed with a quote.");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String decode(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw BadCsvException
				.because("The file is not UTF-8 text: save it as \"CSV UTF-8\" from your spreadsheet.");
		}
	}

	/** Commas, or what the header line is separated by (spreadsheets in Europe: ;). */
	private static char delimiter(String text) {
		int end = text.indexOf('\n');
		String header = (end >= 0) ? text.substring(0, end) : text;
		long commas = header.chars().filter((c) -> c == ',').count();
		long semicolons = header.chars().filter((c) -> c == ';').count();
		long tabs = header.chars().filter((c) -> c == '\t').count();
		if (semicolons > commas && semicolons >= tabs) {
			return ';';
		}
		return (tabs > commas) ? '\t' : ',';
	}

	/** Each field's column: the first column whose header means it. */
	private static Map<String, Integer> columns(CSVRecord headers) {
		Map<String, Integer> columns = new LinkedHashMap<>();
		for (int i = 0; i < headers.size(); i++) {
			String key = normalized(headers.get(i));
			for (Map.Entry<String, List<String>> field : HEADERS.entrySet()) {
				if (field.getValue().stream().anyMatch((h) -> normalized(h).equals(key))) {
					columns.putIfAbsent(field.getKey(), i);
				}
			}
		}
		return columns;
	}

	private static String normalized(String header) {
		return (header != null) ? header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") : "";
	}

	/**
	 * A value as written before the export's guard against formula injection: the
	 * apostrophe {@link LeadCsvExport} puts before = + - @ is taken off again.
	 */
	static String unguarded(String value) {
		if (value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0) {
			return value.substring(1);
		}
		return value;
	}

	private static String reason(RuntimeException ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return message.replaceAll("[^\\x20-\\x7e]", "?");
	}

	private static Map<String, List<String>> headers() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("name", List.of("name", "full name", "customer", "customer name", "contact", "contact name",
				"lead name", "display name"));
		headers.put("firstName", List.of("first name", "first", "given name"));
		headers.put("lastName", List.of("last name", "last", "surname", "family name"));
		headers.put("phone", List.of("phone", "phone number", "mobile", "mobile phone", "cell", "cell phone",
				"telephone", "tel", "primary phone"));
		headers.put("email", List.of("email", "e-mail", "email address", "e-mail address", "mail"));
		headers.put("source", List.of("source", "lead source", "channel"));
		headers.put("message", List.of("message", "job", "job description", "description", "request", "details",
				"comments", "notes", "note"));
		headers.put("externalId", List.of("external id", "reference", "lead reference"));
		return headers;
	}

}
