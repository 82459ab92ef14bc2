package com.leadresponse.leadimport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every lead and its messages as one CSV file (SPEC 9): a row per message with its lead's
 * fields, a lead without messages in one row of its own, oldest lead first. A message's
 * channel is {@code sms}, or the lead source that relayed it ({@code thumbtack}). UTF-8
 * with a byte order mark and CRLF lines, so a spreadsheet opens it with every character
 * right; a value that a spreadsheet would run as a formula (starting with = + - @, a tab
 * or a carriage return) is written after an apostrophe, as OWASP advises, which the
 * import takes off again. Leads are read a page at a time, so the export's memory does
 * not grow with the database.
 */
@Component
class LeadCsvExport {

	static final List<String> HEADER = List.of("lead_id", "name", "phone", "email", "source", "status", "job",
			"lead_created_at", "closed_reason", "closed_at", "message_at", "direction", "message_status",
			"message_body", "message_error", "message_channel");

	/**
	 * The message columns, from {@code message_at} on: empty for a lead without messages.
	 */
	private static final List<Object> NO_MESSAGE = Collections.nCopies(HEADER.size() - HEADER.indexOf("message_at"),
			"");

	private static final int PAGE = 500;

	private final JdbcClient jdbc;

	LeadCsvExport(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private record LeadRow(UUID id, Instant createdAt, List<Object> values) {
	}

	void write(OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		writer.write('\uFEFF');
		CSVPrinter csv = new CSVPrinter(writer,
				CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get());
		Instant afterCreated = null;
		UUID afterId = null;
		while (true) {
			List<LeadRow> leads = page(afterCreated, afterId);
			if (leads.isEmpty()) {
				break;
			}
			Map<UUID, List<List<Object>>> messages = messages(leads.stream().map(LeadRow::id).toList());
			for (LeadRow lead : leads) {
				List<List<Object>> ofLead = messages.getOrDefault(lead.id(), List.of());
				if (ofLead.isEmpty()) {
					print(csv, lead.values(), NO_MESSAGE);
				}
				for (List<Object> message : ofLead) {
					print(csv, lead.values(), message);
				}
			}
			LeadRow last = leads.get(leads.size() - 1);
			afterCreated = last.createdAt();
			afterId = last.id();
		}
		csv.flush();
	}

	private static void print(CSVPrinter csv, List<Object> lead, List<Object> message) throws IOException {
		List<String> record = new ArrayList<>(HEADER.size());
		for (Object value : lead) {
			record.add(guarded(value));
		}
		for (Object value : message) {
			record.add(guarded(value));
		}
		csv.printRecord(record);
	}

	/** The value as text, with an apostrophe before what a spreadsheet would run. */
	static String guarded(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			return "'" + text;
		}
		return text;
	}

	/** The next page of leads, in creation order (keyset: created_at, id). */
	private List<LeadRow> page(Instant afterCreated, UUID afterId) {
		String after = (afterCreated != null) ? "WHERE (created_at, id) > (:afterCreated, :afterId)" : "";
		JdbcClient.StatementSpec statement = this.jdbc.sql("""
				SELECT id, name, phone, email, source, status, message, created_at, closed_reason, closed_at
				FROM leads %s ORDER BY created_at, id LIMIT :page
				""".formatted(after)).param("page", PAGE);
		if (afterCreated != null) {
			statement = statement.param("afterCreated", Timestamps.of(afterCreated)).param("afterId", afterId);
		}
		return statement.query(this::lead).list();
	}

	private LeadRow lead(ResultSet rs, int row) throws SQLException {
		Instant created = Timestamps.read(rs, "created_at");
		Instant closed = Timestamps.read(rs, "closed_at");
		List<Object> values = new ArrayList<>();
		values.add(rs.getObject("id", UUID.class));
		values.add(rs.getString("name"));
		values.add(rs.getString("phone"));
		values.add(rs.getString("email"));
		values.add(rs.getString("source"));
		values.add(rs.getString("status"));
		values.add(rs.getString("message"));
		values.add(created);
		values.add(rs.getString("closed_reason"));
		values.add(closed);
		return new LeadRow(rs.getObject("id", UUID.class), created, values);
	}

	/** The messages of these leads, oldest first. */
	private Map<UUID, List<List<Object>>> messages(List<UUID> leadIds) {
		Map<UUID, List<List<Object>>> byLead = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT lead_id, created_at, direction, status, body, error_message, channel FROM messages
				WHERE lead_id = ANY(:ids) ORDER BY lead_id, created_at, id
				""").param("ids", leadIds.toArray(UUID[]::new)).query((rs) -> {
			List<Object> message = new ArrayList<>();
			message.add(Timestamps.read(rs, "created_at"));
			message.add(rs.getString("direction"));
			message.add(rs.getString("status"));
			message.add(rs.getString("body"));
			message.add(rs.getString("error_message"));
			message.add(rs.getString("channel"));
			byLead.computeIfAbsent(rs.getObject("lead_id", UUID.class), (id) -> new ArrayList<>()).add(message);
		});
		return byLead;
	}

}
