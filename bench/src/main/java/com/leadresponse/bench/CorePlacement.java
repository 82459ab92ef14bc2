package com.leadresponse.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where the run's processes are on the machine's cores. By default they share them all:
 * PostgreSQL, the product, the harness's load generator and pgbench's client. With
 * {@code BENCH_PIN_DATABASE=true}, {@code bench/run.sh} starts the harness (and so the
 * product and pgbench, its children) on every core but the first and names the first in
 * {@code BENCH_DATABASE_CPUS}; this pins the local PostgreSQL server's postmaster and
 * every process it has forked to that core ({@code taskset}; a backend forked later
 * inherits it), so that the database has a core of its own, as it has on a server of its
 * own, for pgbench and the product alike. The server's affinity is put back at the end.
 */
final class CorePlacement implements AutoCloseable {

	private final String databaseCpus;

	private final Map<Long, String> before = new LinkedHashMap<>();

	private long postmaster;

	private CorePlacement(String databaseCpus) {
		this.databaseCpus = databaseCpus;
	}

	static CorePlacement of(BenchDatabase database) throws SQLException, IOException, InterruptedException {
		String cpus = System.getenv("BENCH_DATABASE_CPUS");
		CorePlacement placement = new CorePlacement((cpus == null || cpus.isBlank()) ? null : cpus.trim());
		if (placement.databaseCpus != null) {
			placement.pin(database);
		}
		return placement;
	}

	boolean pinned() {
		return this.databaseCpus != null;
	}

	private void pin(BenchDatabase database) throws SQLException, IOException, InterruptedException {
		if (!database.local()) {
			throw new IllegalStateException(
					"BENCH_PIN_DATABASE=true needs the PostgreSQL server on this machine, not " + database.describe());
		}
		long backend = Long.parseLong(database.value("SELECT pg_backend_pid()"));
		this.postmaster = parentOf(backend);
		for (long pid : family(this.postmaster)) {
			String affinity = taskset("-pc", String.valueOf(pid));
			// "pid 123's current affinity list: 0,1"
			this.before.put(pid, affinity.substring(affinity.lastIndexOf(':') + 1).trim());
			taskset("-a", "-cp", this.databaseCpus, String.valueOf(pid));
		}
		System.out.println("  PostgreSQL (postmaster " + this.postmaster + " and " + (this.before.size() - 1)
				+ " processes) pinned to CPU " + this.databaseCpus + "; this harness, the product and pgbench on CPU "
				+ clientCpus());
	}

	/** The machine table's line for where each process ran. */
	String describe() throws IOException, InterruptedException {
		if (!pinned()) {
			return "shared: PostgreSQL, the product, the load generator and pgbench's client on all "
					+ Runtime.getRuntime().availableProcessors() + " cores";
		}
		return "PostgreSQL (its postmaster and every backend, `taskset`) on CPU " + this.databaseCpus
				+ "; the product, the load generator and pgbench's client on CPU " + clientCpus()
				+ " (`BENCH_PIN_DATABASE=true`)";
	}

	private static String clientCpus() throws IOException, InterruptedException {
		String affinity = taskset("-pc", String.valueOf(ProcessHandle.current().pid()));
		return affinity.substring(affinity.lastIndexOf(':') + 1).trim();
	}

	/** Puts the server's processes back on the cores they had. */
	@Override
	public void close() {
		if (!pinned() || this.before.isEmpty()) {
			return;
		}
		String original = this.before.get(this.postmaster);
		try {
			for (long pid : family(this.postmaster)) {
				taskset("-a", "-cp", this.before.getOrDefault(pid, original), String.valueOf(pid));
			}
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			System.err.println("Could not put PostgreSQL back on CPUs " + original + ": " + ex.getMessage());
		}
		this.before.clear();
	}

	/** The postmaster and every process whose parent it is. */
	private static List<Long> family(long postmaster) throws IOException {
		List<Long> pids = new ArrayList<>(List.of(postmaster));
		try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
			procs.map((p) -> p.getFileName().toString())
				.filter((name) -> name.chars().allMatch(Character::isDigit))
				.map(Long::parseLong)
				.filter((pid) -> pid != postmaster && parentOrNone(pid) == postmaster)
				.forEach(pids::add);
		}
		return pids;
	}

	private static long parentOrNone(long pid) {
		try {
			return parentOf(pid);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	private static long parentOf(long pid) throws IOException {
		return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))
			.stream()
			.filter((l) -> l.startsWith("PPid:"))
			.map((l) -> Long.parseLong(l.substring(5).trim()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No parent in /proc/" + pid + "/status"));
	}

	private static String taskset(String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("taskset"));
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
		}
		return out;
	}

}
