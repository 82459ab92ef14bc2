package com.leadresponse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Records what the recording product's connections sent to PostgreSQL, phase by phase,
 * from the server log: those connections alone log every statement with its values
 * ({@link BenchDatabase#recordingJdbcUrl}), and they are told apart from every other
 * session by their {@code application_name}. A statement belongs to the phase that was
 * open when the server logged it; between phases the product is idle, and anything it
 * sends then is kept as phase {@code idle}.
 */
final class StatementRecorder {

	static final String IDLE = "idle";

	/** What an action sent, with its result. */
	record Captured<T>(T result, List<RecordedStatement> statements) {
	}

	private final ServerLog log;

	private final BenchDatabase database;

	private final String application;

	private final List<RecordedStatement> statements = new ArrayList<>();

	private final Set<Integer> ours = new HashSet<>();

	private final Set<Integer> others = new HashSet<>();

	/** The last statement of each connection, waiting for its parameters. */
	private final Map<Integer, Integer> lastOfConnection = new HashMap<>();

	private long position;

	private String phase = "startup";

	private StatementRecorder(ServerLog log, BenchDatabase database, String application, long position) {
		this.log = log;
		this.database = database;
		this.application = application;
		this.position = position;
	}

	/**
	 * Starts recording from the log's current end: call before the recording product
	 * opens its connections.
	 */
	static StatementRecorder start(ServerLog log, BenchDatabase database, String application) throws IOException {
		return new StatementRecorder(log, database, application, log.size());
	}

	void begin(String name) throws IOException, SQLException {
		catchUp();
		this.phase = name;
	}

	/**
	 * Ends the phase once the product has gone quiet, so that work it does after
	 * answering (a send after commit) is still counted in the phase.
	 */
	List<RecordedStatement> end() throws IOException, SQLException, InterruptedException {
		awaitQuiet();
		String name = this.phase;
		this.phase = IDLE;
		List<RecordedStatement> recorded = statements(List.of(name));
		System.out.printf("  recorded %d statements (%d distinct) in phase %s%n", recorded.size(),
				recorded.stream().map(RecordedStatement::normalized).distinct().count(), name);
		return recorded;
	}

	/** Runs an action in the open phase and answers what it alone sent. */
	<T> Captured<T> capture(Callable<T> action) throws Exception {
		awaitQuiet();
		int from = this.statements.size();
		T result = action.call();
		awaitQuiet();
		return new Captured<>(result,
				this.statements.subList(from, this.statements.size())
					.stream()
					.filter((s) -> !s.isSchedulerPoll())
					.toList());
	}

	List<RecordedStatement> statements(Collection<String> phases) {
		return this.statements.stream().filter((s) -> phases.contains(s.phase())).toList();
	}

	Set<String> phases() {
		return this.statements.stream()
			.map(RecordedStatement::phase)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	/**
	 * Waits until no statement of the product has been logged for 300 ms (at most 30 s).
	 */
	private void awaitQuiet() throws IOException, SQLException, InterruptedException {
		long deadline = System.nanoTime() + 30_000_000_000L;
		int quietPolls = 0;
		while (quietPolls < 3 && System.nanoTime() < deadline) {
			Thread.sleep(100);
			quietPolls = (catchUp() == 0) ? quietPolls + 1 : 0;
		}
	}

	/** Reads what the server logged since the last call; answers how many statements. */
	private int catchUp() throws IOException, SQLException {
		long end = this.log.size();
		int before = this.statements.size();
		for (ServerLog.Entry entry : this.log.read(this.position, end)) {
			take(entry);
		}
		this.position = end;
		return this.statements.size() - before;
	}

	private void take(ServerLog.Entry entry) throws SQLException {
		String message = entry.message();
		if ("LOG".equals(entry.level()) && message.startsWith("disconnection: ")) {
			// The process id may be reused by a later, unrelated session.
			this.ours.remove(entry.pid());
			this.others.remove(entry.pid());
			return;
		}
		if ("DETAIL".equals(entry.level()) && message.startsWith("parameters: ")) {
			Integer index = this.lastOfConnection.remove(entry.pid());
			if (index != null) {
				RecordedStatement s = this.statements.get(index);
				this.statements.set(index, new RecordedStatement(s.phase(), s.pid(), s.time(), s.sql(),
						parameters(message.substring("parameters: ".length()))));
			}
			return;
		}
		String sql = statementText(entry);
		if (sql == null || sql.isBlank() || !ours(entry.pid(), sql)) {
			return;
		}
		this.lastOfConnection.put(entry.pid(), this.statements.size());
		this.statements.add(new RecordedStatement(this.phase, entry.pid(), entry.time(), sql, List.of()));
	}

	/**
	 * The text of a logged statement: {@code execute <name>: ...} (extended protocol) or
	 * {@code statement: ...} (simple protocol); null for other messages and for the
	 * further fetches of an open portal, which are not new statements.
	 */
	private static String statementText(ServerLog.Entry entry) {
		String message = entry.message();
		if (!"LOG".equals(entry.level())) {
			return null;
		}
		if (message.startsWith("statement: ")) {
			return message.substring("statement: ".length());
		}
		if (message.startsWith("execute ") && !message.startsWith("execute fetch from ")) {
			int colon = message.indexOf(": ");
			return (colon < 0) ? null : message.substring(colon + 2);
		}
		return null;
	}

	private boolean ours(int pid, String sql) throws SQLException {
		if (this.ours.contains(pid)) {
			return true;
		}
		if (this.others.contains(pid)) {
			return false;
		}
		// pgjdbc names the session with its first statement; a session of another
		// driver is found by its name while it is connected.
		boolean named = sql.strip().equals("SET application_name = '" + this.application + "'") || this.application
			.equals(this.database.value("SELECT application_name FROM pg_stat_activity WHERE pid = " + pid));
		(named ? this.ours : this.others).add(pid);
		return named;
	}

	/**
	 * The values of {@code parameters: $1 = 'it''s', $2 = NULL}, in order: quoted with
	 * quotes doubled, or NULL.
	 */
	static List<String> parameters(String text) {
		List<String> values = new ArrayList<>();
		int i = 0;
		while (i < text.length()) {
			int equals = text.indexOf(" = ", i);
			if (equals < 0) {
				break;
			}
			i = equals + 3;
			if (text.startsWith("NULL", i)) {
				values.add(null);
				i += 4;
			}
			else {
				StringBuilder value = new StringBuilder();
				i++;
				while (i < text.length()) {
					char c = text.charAt(i++);
					if (c == '\'') {
						if (i < text.length() && text.charAt(i) == '\'') {
							value.append('\'');
							i++;
							continue;
						}
						break;
					}
					value.append(c);
				}
				values.add(value.toString());
			}
			if (text.startsWith(", ", i)) {
				i += 2;
			}
		}
		return values;
	}

	/** Every statement recorded, by phase, for reading after the run. */
	void write(Path file) throws IOException {
		Map<String, List<RecordedStatement>> byPhase = new LinkedHashMap<>();
		this.statements.forEach((s) -> byPhase.computeIfAbsent(s.phase(), (k) -> new ArrayList<>()).add(s));
		StringBuilder out = new StringBuilder();
		out.append("-- What the product's connections sent to PostgreSQL in this run, by phase, as the server\n")
			.append("-- logged it (")
			.append(this.log.file())
			.append(").\n-- Written by the benchmark (bench/.../StatementRecorder).\n");
		byPhase.forEach((name, list) -> {
			out.append("\n-- ===== phase ")
				.append(name)
				.append(": ")
				.append(list.size())
				.append(" statements, ")
				.append(list.stream().map(RecordedStatement::normalized).distinct().count())
				.append(" distinct\n");
			for (RecordedStatement s : list) {
				out.append("\n-- ")
					.append(s.fingerprint())
					.append("\n-- connection ")
					.append(s.pid())
					.append(", ")
					.append(s.time())
					.append('\n')
					.append(s.sql().strip())
					.append(";\n");
				for (int p = 0; p < s.parameters().size(); p++) {
					String value = s.parameters().get(p);
					out.append("--   $")
						.append(p + 1)
						.append(" = ")
						.append((value == null) ? "NULL"
								: "'" + value.replace("'", "''").replace("\n", "\n--     ") + "'")
						.append('\n');
				}
			}
		});
		Files.writeString(file, out.toString());
	}

}
