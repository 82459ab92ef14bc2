package com.leadresponse.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The benchmark's PostgreSQL: database {@code bench} (dropped and created afresh) on the
 * server at {@code BENCH_PG_HOST:BENCH_PG_PORT} (default 127.0.0.1:5432, user
 * {@code postgres}) when it answers, else an embedded PostgreSQL started here. Seeds data
 * with {@code INSERT ... SELECT generate_series}, runs {@code pgbench}, and names the
 * connection settings under which the server logs every statement of a session.
 */
final class BenchDatabase implements AutoCloseable {

	static final String NAME = "bench";

	/** Leads the webhook phase replies from: phone +1512 200 0001 ... */
	static final int WEBHOOK_LEADS = 20_000;

	private final String host;

	private final int port;

	private final String user;

	private final String password;

	private final EmbeddedPostgres embedded;

	private BenchDatabase(String host, int port, String user, String password, EmbeddedPostgres embedded) {
		this.host = host;
		this.port = port;
		this.user = user;
		this.password = password;
		this.embedded = embedded;
	}

	static BenchDatabase open() throws IOException, SQLException {
		String host = env("BENCH_PG_HOST", "127.0.0.1");
		int port = Integer.parseInt(env("BENCH_PG_PORT", "5432"));
		String user = env("BENCH_PG_USER", "postgres");
		String password = env("BENCH_PG_PASSWORD", "");
		if (!"true".equals(System.getenv("BENCH_EMBEDDED")) && reachable(host, port, user, password)) {
			BenchDatabase database = new BenchDatabase(host, port, user, password, null);
			database.recreate();
			return database;
		}
		System.out.println(
				"Starting an embedded PostgreSQL (BENCH_EMBEDDED=true, or no server at " + host + ":" + port + ")");
		// Its log goes to a file of its own (log/postgresql.log in its data directory,
		// pg_current_logfile()), where the benchmark reads the statements it records.
		EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("max_connections", "200")
			.setServerConfig("shared_buffers", "256MB")
			.setServerConfig("logging_collector", "on")
			.setServerConfig("log_destination", "stderr")
			.setServerConfig("log_directory", "log")
			.setServerConfig("log_filename", "postgresql.log")
			.setServerConfig("log_rotation_age", "0")
			.setServerConfig("log_rotation_size", "0")
			.start();
		BenchDatabase database = new BenchDatabase("127.0.0.1", postgres.getPort(), "postgres", "", postgres);
		database.recreate();
		return database;
	}

	private static boolean reachable(String host, int port, String user, String password) {
		Properties props = new Properties();
		props.setProperty("user", user);
		props.setProperty("password", password);
		props.setProperty("connectTimeout", "2");
		try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
				props)) {
			return c.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private void recreate() throws SQLException {
		try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
			s.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
			s.execute("CREATE DATABASE " + NAME);
		}
	}

	boolean embedded() {
		return this.embedded != null;
	}

	/** Whether the server runs on this machine (its processes can be pinned). */
	boolean local() {
		return embedded() || "127.0.0.1".equals(this.host) || "localhost".equals(this.host) || "::1".equals(this.host);
	}

	String jdbcUrl() {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + NAME;
	}

	/**
	 * The URL for connections whose every statement the server logs with its values, in
	 * English, once (not again as a duration): settings of those sessions alone, sent as
	 * startup options, so the server's configuration and its other sessions are left as
	 * they are. Setting them needs a superuser (or, from PostgreSQL 15, {@code GRANT SET
	 * ON PARAMETER}).
	 */
	String recordingJdbcUrl(String applicationName) {
		String options = String.join(" ", "-c log_statement=all", "-c log_parameter_max_length=-1",
				"-c log_min_duration_statement=-1", "-c log_min_duration_sample=-1", "-c log_duration=off",
				"-c log_transaction_sample_rate=0", "-c log_min_messages=warning", "-c lc_messages=C",
				"-c log_disconnections=on");
		return jdbcUrl() + "?ApplicationName=" + applicationName + "&options="
				+ URLEncoder.encode(options, StandardCharsets.UTF_8).replace("+", "%20");
	}

	String user() {
		return this.user;
	}

	String password() {
		return this.password;
	}

	String describe() {
		return (embedded() ? "embedded PostgreSQL (io.zonky.test) on " : "PostgreSQL server at ") + this.host + ":"
				+ this.port + ", database " + NAME;
	}

	Connection connect() throws SQLException {
		return connect(NAME);
	}

	private Connection connect(String database) throws SQLException {
		Properties props = new Properties();
		props.setProperty("user", this.user);
		props.setProperty("password", this.password);
		return DriverManager.getConnection("jdbc:postgresql://" + this.host + ":" + this.port + "/" + database, props);
	}

	void execute(String... statements) throws SQLException {
		try (Connection c = connect(); Statement s = c.createStatement()) {
			for (String sql : statements) {
				s.execute(sql);
			}
		}
	}

	long count(String sql) throws SQLException {
		try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** The first column of the first row, or null when there is no row. */
	String value(String sql) throws SQLException {
		try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			return rs.next() ? rs.getString(1) : null;
		}
	}

	/** Waits until no message is queued or being sent (at most {@code timeout}). */
	void awaitSendsSettled(Duration timeout) throws SQLException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline
				&& count("SELECT count(*) FROM messages WHERE status IN ('queued', 'sending')") > 0) {
			Thread.sleep(250);
		}
	}

	/**
	 * Runs seeding statements with asynchronous commit: only the benchmark's own rows.
	 */
	double seed(String... statements) throws SQLException {
		long start = System.nanoTime();
		try (Connection c = connect(); Statement s = c.createStatement()) {
			s.execute("SET synchronous_commit = off");
			for (String sql : statements) {
				s.execute(sql);
			}
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/**
	 * Bulk-loads the product's tables the fast way: the secondary indexes of
	 * {@code leads} and {@code messages} are dropped, the rows inserted with foreign-key
	 * triggers off (the seeds are consistent by construction), and the same indexes
	 * created again from their saved definitions ({@code pg_get_indexdef}). Primary keys
	 * and unique constraints stay.
	 */
	double bulkLoad(String... statements) throws SQLException {
		long start = System.nanoTime();
		try (Connection c = connect(); Statement s = c.createStatement()) {
			s.execute("SET synchronous_commit = off");
			s.execute("SET maintenance_work_mem = '256MB'");
			s.execute("SET session_replication_role = replica");
			List<String> names = new ArrayList<>();
			List<String> definitions = new ArrayList<>();
			try (ResultSet rs = s.executeQuery("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
					+ " FROM pg_index i WHERE i.indrelid IN ('leads'::regclass, 'messages'::regclass)"
					+ " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)")) {
				while (rs.next()) {
					names.add(rs.getString(1));
					definitions.add(rs.getString(2));
				}
			}
			for (String name : names) {
				s.execute("DROP INDEX " + name);
			}
			for (String sql : statements) {
				s.execute(sql);
			}
			for (String definition : definitions) {
				s.execute(definition);
			}
			s.execute("RESET session_replication_role");
		}
		return (System.nanoTime() - start) / 1e9;
	}

	/**
	 * What pgbench reached: transactions per second and mean latency, or why it failed (a
	 * script the schema no longer fits, say).
	 */
	record PgbenchResult(double tps, double latencyMillis, long transactions, String output, String failure) {

		boolean failed() {
			return this.failure != null;
		}

	}

	/**
	 * Runs {@code pgbench} with a custom script on this database; null when pgbench is
	 * not installed.
	 */
	PgbenchResult pgbench(Path script, int clients, int seconds, String... variables)
			throws IOException, InterruptedException {
		if (!onPath("pgbench")) {
			return null;
		}
		List<String> command = new ArrayList<>(List.of("pgbench", "-h", this.host, "-p", String.valueOf(this.port),
				"-U", this.user, "-n", "-M", "prepared", "-c", String.valueOf(clients), "-j",
				String.valueOf(Math.min(clients, 2)), "-T", String.valueOf(seconds), "-f", script.toString()));
		for (String variable : variables) {
			command.add("-D");
			command.add(variable);
		}
		command.add(NAME);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PGPASSWORD", this.password);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(seconds + 60L, TimeUnit.SECONDS) || process.exitValue() != 0) {
			String failure = output.lines()
				.filter((l) -> l.contains("ERROR") || l.contains("error") || l.contains("aborted"))
				.findFirst()
				.orElse("exit " + (process.isAlive() ? "timeout" : process.exitValue()));
			process.destroyForcibly();
			return new PgbenchResult(Double.NaN, Double.NaN, 0, output, failure);
		}
		return new PgbenchResult(number(output, "tps = ([0-9.]+)"), number(output, "latency average = ([0-9.]+) ms"),
				(long) number(output, "number of transactions actually processed: ([0-9]+)"), output, null);
	}

	static boolean onPath(String program) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			if (Files.isExecutable(Path.of(dir, program))) {
				return true;
			}
		}
		return false;
	}

	private static double number(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	@Override
	public void close() throws IOException {
		if (this.embedded != null) {
			this.embedded.close();
		}
	}

}
