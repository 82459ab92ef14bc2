package com.leadresponse.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench database's server log, read as PostgreSQL writes it in its {@code stderr}
 * format: one entry per message, its continuation lines indented by a tab, each line
 * behind the {@code log_line_prefix}, which must name the process ({@code [%p]}) so that
 * entries can be told apart by connection. Only appended bytes are read, from positions
 * noted by the caller.
 */
final class ServerLog {

	/** One message of one backend: {@code LOG:  execute <unnamed>: SELECT ...}. */
	record Entry(long offset, int pid, String time, String level, String message) {
	}

	private static final Pattern LEVEL = Pattern
		.compile("(?:^|\\s)(LOG|DETAIL|HINT|STATEMENT|CONTEXT|ERROR|WARNING|NOTICE|INFO|FATAL|PANIC|LOCATION|QUERY"
				+ "|DEBUG[1-5]?):  ");

	private static final Pattern PID = Pattern.compile("\\[(\\d+)\\]");

	private final Path file;

	private ServerLog(Path file) {
		this.file = file;
	}

	/**
	 * Finds the file the bench database's server logs to: {@code BENCH_PG_LOG} when set;
	 * else the file of the logging collector ({@code pg_current_logfile()}, the embedded
	 * PostgreSQL); else where Debian's {@code pg_ctlcluster} sends a cluster's stderr
	 * ({@code /var/log/postgresql/postgresql-<cluster_name with ->.log}).
	 */
	static ServerLog of(BenchDatabase database) throws SQLException {
		String prefix = database.value("SHOW log_line_prefix");
		if (!prefix.contains("[%p]")) {
			throw new IllegalStateException("The server's log_line_prefix ('" + prefix
					+ "') does not name the process as [%p]: the benchmark cannot tell connections apart in its log."
					+ " Use BENCH_EMBEDDED=true, or a server whose prefix has [%p] (PostgreSQL's default).");
		}
		String configured = System.getenv("BENCH_PG_LOG");
		Path file;
		if (configured != null && !configured.isBlank()) {
			file = Path.of(configured);
		}
		else {
			String current = database.value("SELECT pg_current_logfile('stderr')");
			if (current != null) {
				file = Path.of(database.value("SHOW data_directory")).resolve(current);
			}
			else {
				file = Path.of("/var/log/postgresql",
						"postgresql-" + database.value("SHOW cluster_name").replace('/', '-') + ".log");
			}
		}
		if (!Files.isReadable(file)) {
			throw new IllegalStateException("Cannot read the server log " + file
					+ ", where the benchmark records the product's statements: set BENCH_PG_LOG to the file the"
					+ " server at " + database.describe() + " logs to (stderr format), run as a user who may read it"
					+ " (Debian: group adm), or use BENCH_EMBEDDED=true.");
		}
		return new ServerLog(file);
	}

	Path file() {
		return this.file;
	}

	/** Where the next message will be written: a position for {@link #read}. */
	long size() throws IOException {
		return Files.size(this.file);
	}

	/**
	 * The entries written between two positions; {@code to} is a size seen earlier, so
	 * the range ends on a message boundary (each message is one write).
	 */
	List<Entry> read(long from, long to) throws IOException {
		if (to < from) {
			throw new IllegalStateException("The server log " + this.file + " shrank during the run (rotated?)");
		}
		byte[] bytes = new byte[(int) (to - from)];
		try (RandomAccessFile in = new RandomAccessFile(this.file.toFile(), "r")) {
			in.seek(from);
			in.readFully(bytes);
		}
		String text = new String(bytes, StandardCharsets.UTF_8);
		List<Entry> entries = new ArrayList<>();
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf('\n', start);
			// Continuation lines: PostgreSQL puts a tab after every newline of a message.
			while (end >= 0 && end + 1 < text.length() && text.charAt(end + 1) == '\t') {
				end = text.indexOf('\n', end + 1);
			}
			if (end < 0) {
				end = text.length();
			}
			Entry entry = entry(from + start, text.substring(start, end));
			if (entry != null) {
				entries.add(entry);
			}
			start = end + 1;
		}
		return entries;
	}

	private static Entry entry(long offset, String record) {
		Matcher level = LEVEL.matcher(record);
		if (!level.find()) {
			return null;
		}
		String prefix = record.substring(0, level.start());
		Matcher pid = PID.matcher(prefix);
		if (!pid.find()) {
			return null;
		}
		String message = record.substring(level.end()).replace("\n\t", "\n");
		return new Entry(offset, Integer.parseInt(pid.group(1)), prefix.substring(0, pid.start()).trim(),
				level.group(1), message);
	}

}
