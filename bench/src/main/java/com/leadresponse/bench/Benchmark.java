package com.leadresponse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The SPEC 7 benchmark in one run: starts PostgreSQL (or uses the local server), a local
 * Twilio stand-in and the product jar at {@code -Xmx384m}, then measures inbound webhooks
 * next to pgbench on the statements the product was recorded sending for one, speed to
 * lead at 50 leads/s, a sweep of 100,000 due follow-ups, a pass closing 100,000 expired
 * sequences, the voice webhook at 100 calls/s and the missed-call text's delay at 20
 * missed calls/s, the plans of every statement recorded at 1,000,000 leads, and the
 * product's peak heap and RSS. Prints each figure next to its target and writes them into
 * {@code docs/performance.md}. The statements come from a second product process whose
 * connections the server logs ({@link RecordedPhases}), so the harness holds no copy of
 * the product's SQL.
 */
public final class Benchmark {

	static final String COMMAND = "./bench/run.sh";

	/**
	 * The settings that change what a run measures, named with the command in the report.
	 */
	private static final List<String> SETTINGS = List.of("BENCH_PIN_DATABASE", "BENCH_PHASES", "BENCH_BACKGROUND_LEADS",
			"BENCH_EMBEDDED", "BENCH_JFR");

	/**
	 * Background leads seeded before anything is measured; {@code BENCH_BACKGROUND_LEADS}
	 * lowers it for a quick profile of one path (not a SPEC 7 run: its plans are checked
	 * at fewer than 1,000,000 leads).
	 */
	static final int BACKGROUND_LEADS = Integer
		.parseInt(System.getenv().getOrDefault("BENCH_BACKGROUND_LEADS", "779000"));

	static final int WEBHOOK_RATE = 200;

	static final int WEBHOOK_SECONDS = 15;

	static final int WEBHOOK_CLIENTS = 16;

	/**
	 * Two minutes of warm-up at most per path: with 12 rounds the intake's window still
	 * had the JIT compiler threads at a quarter of its CPU.
	 */
	static final int MAX_WARM_UP_ROUNDS = 24;

	static final int PGBENCH_CLIENTS = 10;

	static final int INTAKE_RATE = 50;

	static final int INTAKE_SECONDS = 20;

	static final int SWEEP_LEADS = 100_000;

	static final int EXPIRED_LEADS = 100_000;

	static final int CALL_RATE = 100;

	static final int MISSED_CALL_RATE = 20;

	static final int CALL_SECONDS = 15;

	static final int SOURCE_RATE = 50;

	static final int SOURCE_SECONDS = 10;

	static final int META_RATE = 20;

	static final int MMS_RATE = 50;

	static final int MMS_SECONDS = 10;

	static final int MMS_PHOTOS = 3;

	/** The missed-call text's grace delay for the benchmark (60 s by default). */
	static final int GRACE_SECONDS = 10;

	private final Path repo;

	private final Path work;

	private final Report report = new Report();

	private final Profile profile = new Profile();

	private BenchDatabase database;

	private ProviderStandIn provider;

	private CorePlacement placement;

	private ProductProcess product;

	private ProductProcess recordingProduct;

	private StatementRecorder recorder;

	private RecordedPhases recorded;

	private LoadGenerator load;

	private Benchmark(Path repo) throws IOException {
		this.repo = repo;
		this.work = repo.resolve("bench/target/run");
		Files.createDirectories(this.work);
	}

	public static void main(String[] args) throws Exception {
		Path repo = Path.of((args.length > 0) ? args[0] : ".").toAbsolutePath().normalize();
		Benchmark benchmark = new Benchmark(repo);
		// Interrupted (Ctrl-C, kill): the product process and the database go too.
		Thread cleanup = new Thread(() -> {
			try {
				benchmark.close();
			}
			catch (Exception ex) {
				System.err.println("Cleanup failed: " + ex);
			}
		});
		Runtime.getRuntime().addShutdownHook(cleanup);
		try {
			benchmark.run();
		}
		finally {
			benchmark.close();
		}
		boolean failed = benchmark.report.figures().stream().anyMatch((f) -> Boolean.FALSE.equals(f.pass()));
		System.out.println(
				failed ? "Some SPEC 7 targets were missed: see docs/performance.md" : "Every SPEC 7 target was met");
	}

	private void run() throws Exception {
		String date = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).withNano(0)) + "Z";
		Path jar = this.repo.resolve("target/lead-response.jar");
		if (!Files.exists(jar)) {
			throw new IllegalStateException("Build the product first (mvn package): no " + jar);
		}
		String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
		System.out.println("== Database");
		this.database = BenchDatabase.open();
		System.out.println("  " + this.database.describe());
		this.placement = CorePlacement.of(this.database);
		ServerLog serverLog = ServerLog.of(this.database);
		System.out.println("  statements recorded from its log, " + serverLog.file());
		this.provider = ProviderStandIn.start();
		this.load = new LoadGenerator();
		System.out.println("== Product (java -Xmx" + ProductProcess.HEAP + " -jar target/lead-response.jar)");
		this.product = ProductProcess.start(jar, this.database, this.provider, this.work.resolve("product.log"),
				Map.of(), true);
		System.out.println("  ready, pid " + this.product.pid() + ", log " + this.work.resolve("product.log"));
		this.recorder = StatementRecorder.start(serverLog, this.database, RecordedPhases.APPLICATION);
		this.recordingProduct = ProductProcess.start(jar, this.database, this.provider,
				this.work.resolve("product-recorded.log"),
				Map.of("SPRING_DATASOURCE_URL", this.database.recordingJdbcUrl(RecordedPhases.APPLICATION)), false);
		this.recorded = new RecordedPhases(this.recordingProduct, this.recorder, this.database, this.provider,
				this.load);
		System.out.println("  recording product ready, pid " + this.recordingProduct.pid() + ", log "
				+ this.work.resolve("product-recorded.log"));

		seedBackground();
		if (phase("webhooks")) {
			webhooks();
		}
		if (phase("speed")) {
			speedToLead();
		}
		if (phase("sweep")) {
			sweep();
		}
		if (phase("expiry")) {
			expiry();
		}
		if (phase("inbox")) {
			inbox();
		}
		if (phase("calls")) {
			calls();
		}
		if (phase("photos")) {
			photos();
		}
		if (phase("sources")) {
			sources();
		}
		plans();
		this.recorder.write(this.work.resolve("recorded-statements.txt"));
		System.out.println("  recorded statements written to " + this.work.resolve("recorded-statements.txt"));
		memory();
		machine(loadBefore);

		this.product.close();
		this.recordingProduct.close();
		Path recording = ProductProcess.recording(this.work.resolve("product.log"));
		long peakHeap = Profile.peakHeapBeforeGc(recording);
		if (peakHeap >= 0) {
			this.report.info("Peak heap used, just before a collection (JFR, whole run)",
					"%.0f MiB of %s".formatted(peakHeap / 1048576.0, ProductProcess.HEAP));
		}
		if (!this.profile.isEmpty()) {
			this.report.profile(this.profile.markdown(recording));
		}
		this.report.write(this.repo.resolve("docs/performance.md"), command(), date);
		System.out.println("Written to docs/performance.md");
	}

	/**
	 * Whether to run a phase ({@code webhooks}, {@code speed}, {@code sweep},
	 * {@code expiry}, {@code inbox}, {@code calls}, {@code photos}, {@code sources}): all
	 * by default; {@code BENCH_PHASES=sweep,expiry} runs only those (for working on one
	 * figure; such a run is not a full SPEC 7 run).
	 */
	private static boolean phase(String name) {
		String phases = System.getenv("BENCH_PHASES");
		return phases == null || phases.isBlank() || List.of(phases.split(",")).contains(name);
	}

	private void seedBackground() throws SQLException {
		System.out.println("== Seeding");
		double load = this.database.bulkLoad(Seeds.backgroundLeads(BACKGROUND_LEADS),
				Seeds.webhookLeads(BenchDatabase.WEBHOOK_LEADS), Seeds.backgroundMessages(BACKGROUND_LEADS));
		double analyze = this.database.seed("VACUUM ANALYZE leads", "VACUUM ANALYZE messages");
		System.out.printf("  %,d leads and %,d messages in %.1f s, vacuum analyze %.1f s%n",
				this.database.count("SELECT count(*) FROM leads"), this.database.count("SELECT count(*) FROM messages"),
				load, analyze);
	}

	/**
	 * Runs a path until the JIT has compiled it: closed-loop rounds of 5 seconds until a
	 * round costs the product's compilers under 0.25 s (5% of one core), at most
	 * {@link #MAX_WARM_UP_ROUNDS} rounds or {@code maxRequests} requests. The JIT on 2
	 * cores shared with the load lags far behind the load: 8 seconds of warm-up left it
	 * compiling for 2 to 4 s of every 5 s of the measured windows, CPU that a product
	 * running for days does not spend on each request. Under a closed loop it never falls
	 * quite silent (C2 keeps compiling large framework methods again as their profiles
	 * change), so a path can stop at the last round; the profile reports the JIT's time
	 * in each measured window. Request {@code i} of the warm-up gets index {@code i}, so
	 * every warm-up request is new.
	 */
	private void warmUp(String path, int clients, int maxRequests,
			java.util.function.IntFunction<LoadGenerator.Call> calls) throws Exception {
		warmUp(path, clients, maxRequests, maxRequests, () -> {
		}, calls);
	}

	/**
	 * As {@link #warmUp(String, int, int, java.util.function.IntFunction)}, with at most
	 * {@code perRound} requests a round and {@code afterRound} run after each (what the
	 * requests left to do in the background, settled before the next round and before
	 * anything is measured).
	 */
	private void warmUp(String path, int clients, int maxRequests, int perRound, WarmUpStep afterRound,
			java.util.function.IntFunction<LoadGenerator.Call> calls) throws Exception {
		int done = 0;
		double compiled = -1;
		int round = 0;
		while (round < MAX_WARM_UP_ROUNDS && done < maxRequests) {
			round++;
			double before = this.product.compileSeconds();
			int offset = done;
			Latencies l = this.load.closedLoop(path + " warm-up " + round, clients, Duration.ofSeconds(5),
					Math.min(perRound, maxRequests - done), (i) -> calls.apply(offset + i));
			done += l.count();
			afterRound.run();
			compiled = this.product.compileSeconds() - before;
			if (before < 0 || compiled < 0.25) {
				break;
			}
		}
		System.out.printf("  %s warm-up: %d requests in %d rounds; JIT compilation in the last round %.2f s%n", path,
				done, round, compiled);
	}

	/**
	 * A split of CPU by kind of thread, per request, as a figure: the six largest kinds
	 * and the rest together.
	 */
	private static String byKind(Map<String, Long> byKind, long requests) {
		List<String> parts = new ArrayList<>();
		long rest = 0;
		int shown = 0;
		for (Map.Entry<String, Long> kind : byKind.entrySet()) {
			if (shown++ < 6) {
				parts.add("`%s` %.2f".formatted(kind.getKey(), kind.getValue() / (double) requests));
			}
			else {
				rest += kind.getValue();
			}
		}
		parts.add("others %.2f".formatted(rest / (double) requests));
		return String.join(", ", parts);
	}

	/**
	 * The time the product's JIT compilers spent since {@code before} (a
	 * {@link ProductProcess#compileSeconds()} reading), in milliseconds; NaN when the
	 * counters cannot be read. It is compilation time, not CPU: on two busy cores a
	 * compiler thread waits for a core too, so it can exceed the CPU it used. Read
	 * outside the measured window (jcmd starts a JVM of its own).
	 */
	private double jitMillisSince(double before) {
		double now = this.product.compileSeconds();
		return (before < 0 || now < 0) ? Double.NaN : (now - before) * 1000;
	}

	/**
	 * A checkpoint before a measured load, so that one the previous load's writes made
	 * due (the seeding, a sweep of 100,000, a warm-up's photos: far more WAL a minute
	 * than the product writes in use) does not run through the load's short window: with
	 * the server's own settings (max_wal_size 1 GB) they ran back to back, and the tails
	 * of the later phases moved by a factor of ten between runs.
	 */
	private void checkpoint() {
		try {
			this.database.execute("CHECKPOINT");
		}
		catch (SQLException ex) {
			// CHECKPOINT needs a superuser (or pg_checkpoint): without it the load runs
			// as is.
			System.out.println("  no checkpoint before the load: " + ex.getMessage());
		}
	}

	/** What a warm-up round leaves to settle. */
	@FunctionalInterface
	private interface WarmUpStep {

		void run() throws Exception;

	}

	private void webhooks() throws Exception {
		System.out.println("== Inbound webhooks");
		RecordedPhases.Webhooks recording = this.recorded.webhooks();
		Path script = this.work.resolve("inbound-webhook.sql");
		WebhookScript.Script recordedScript = null;
		try {
			recordedScript = WebhookScript.build(recording.fresh());
			Files.writeString(script, recordedScript.text());
			System.out.println("  pgbench script of the recorded statements: " + script);
		}
		catch (IllegalStateException ex) {
			System.out.println("  no pgbench script: " + ex.getMessage());
		}
		Path reference = this.work.resolve("minimal-webhook.sql");
		try (InputStream in = Benchmark.class.getResourceAsStream("/pgbench/minimal-webhook.sql")) {
			Files.write(reference, in.readAllBytes());
		}
		WebhookCalls calls = new WebhookCalls(this.product.uri(WebhookCalls.PATH));
		int count = WEBHOOK_RATE * WEBHOOK_SECONDS;
		// The warm-up sends what the endpoint meets in use, so that the JIT has seen
		// every
		// branch before anything is measured: fresh webhooks, one in ten a retry of one
		// sent just before, one in twenty wrongly signed. With fresh webhooks alone, C2
		// compiled the webhook's methods again in the middle of the closed-loop window,
		// once the duplicate and rejected loads had taken branches it had never seen (the
		// flight recording: 6 s of compilation in that window's 15 s).
		warmUp("webhook", WEBHOOK_CLIENTS, 200_000,
				(i) -> LoadGenerator.Call.of((i % 10 == 5) ? calls.signed(WebhookCalls.inbound(10_000_000 + i - 5))
						: (i % 20 == 7) ? calls.wronglySigned(WebhookCalls.inbound(7_000_000 + i))
								: calls.signed(WebhookCalls.inbound(10_000_000 + i))));
		// A duplicate is a copy of a webhook that was answered 200: a copy of one that
		// failed (timed out under overload) is a retry, which must be processed.
		List<Integer> answered = java.util.Collections.synchronizedList(new ArrayList<>());
		checkpoint();
		Latencies fresh = this.load.openLoop("fresh at 200/s", WEBHOOK_RATE, count,
				(i) -> new LoadGenerator.Call(calls.signed(WebhookCalls.inbound(i)), (status, sent, at) -> {
					if (status == 200) {
						answered.add(i);
					}
				}));
		System.out.println("  " + fresh.summary());
		long storedAfterFresh = inboundStored();
		List<Integer> originals = List.copyOf(answered);
		Latencies duplicate = this.load.openLoop("duplicate at 200/s", WEBHOOK_RATE, count,
				(i) -> LoadGenerator.Call.of(calls.signed(WebhookCalls.inbound(originals.get(i % originals.size())))));
		System.out.println("  " + duplicate.summary());
		Latencies rejected = this.load.openLoop("bad signature at 200/s", WEBHOOK_RATE, count,
				(i) -> LoadGenerator.Call.of(calls.wronglySigned(WebhookCalls.inbound(5_000_000 + i))));
		System.out.println("  " + rejected.summary());
		long storedByDuplicates = inboundStored() - storedAfterFresh;
		long storedRejected = this.database.count("SELECT count(*) FROM processed_webhooks WHERE webhook_id >= '"
				+ WebhookCalls.sid("SM", 5_000_000) + "' AND webhook_id < '" + WebhookCalls.sid("SM", 6_000_000) + "'");

		BenchDatabase.PgbenchResult pgbench = (recordedScript == null) ? null : pgbench("recorded statements", script);
		BenchDatabase.PgbenchResult minimal = pgbench("minimal reference webhook", reference);
		long base = 20_000_000;
		checkpoint();
		double jitBeforeMax = this.product.compileSeconds();
		Map<Long, ProductProcess.ThreadCpu> threadsBeforeMax = this.product.threadsCpu();
		long cpuBeforeMax = this.product.cpuMillis();
		Instant maxFrom = Instant.now();
		List<Integer> answeredMax = java.util.Collections.synchronizedList(new ArrayList<>());
		Latencies max = this.load.closedLoop("fresh, " + WEBHOOK_CLIENTS + " clients", WEBHOOK_CLIENTS,
				Duration.ofSeconds(WEBHOOK_SECONDS), 1_000_000,
				(i) -> new LoadGenerator.Call(calls.signed(WebhookCalls.inbound(base + i)), (status, sent, at) -> {
					if (status == 200) {
						answeredMax.add(i);
					}
				}));
		System.out.println("  " + max.summary());
		double cpuPerFresh = (this.product.cpuMillis() - cpuBeforeMax) / (double) max.count();
		Map<String, Long> freshByKind = ProductProcess.cpuMillisByKindBetween(threadsBeforeMax,
				this.product.threadsCpu());
		double compilersPerFresh = ProductProcess.compilerCpuMillis(freshByKind) / (double) max.count();
		double jitPerFresh = jitMillisSince(jitBeforeMax) / max.count();
		this.profile.window("Inbound SMS webhook, fresh, closed loop", maxFrom, Instant.now());
		long storedAfterMax = inboundStored();
		long cpuBeforeDuplicates = this.product.cpuMillis();
		Latencies maxDuplicate = this.load.closedLoop("duplicate, " + WEBHOOK_CLIENTS + " clients", WEBHOOK_CLIENTS,
				Duration.ofSeconds(WEBHOOK_SECONDS), 1_000_000, (i) -> LoadGenerator.Call
					.of(calls.signed(WebhookCalls.inbound(base + answeredMax.get(i % answeredMax.size())))));
		System.out.println("  " + maxDuplicate.summary());
		double cpuPerDuplicate = (this.product.cpuMillis() - cpuBeforeDuplicates) / (double) maxDuplicate.count();
		storedByDuplicates += inboundStored() - storedAfterMax;

		Report r = this.report;
		System.out.println("-- figures");
		r.figure("Inbound webhooks/s, closed loop (" + WEBHOOK_CLIENTS + " clients)",
				"%.0f/s".formatted(max.perSecond()), "", null);
		if (recordedScript == null) {
			r.figure("Webhooks/s as a share of pgbench on the recorded statements",
					"not measured: no statement recorded for a fresh webhook", ">= 70%", false);
		}
		else if (pgbench == null || pgbench.failed()) {
			r.figure("Webhooks/s as a share of pgbench on the recorded statements",
					"not measured: " + ((pgbench == null) ? "pgbench not installed" : pgbench.failure()), ">= 70%",
					false);
		}
		else {
			double ratio = max.perSecond() / pgbench.tps();
			r.figure("pgbench on the recorded statements of a fresh webhook (" + PGBENCH_CLIENTS + " clients)",
					"%.0f tps".formatted(pgbench.tps()), "", null);
			r.figure("Webhooks/s as a share of pgbench on the recorded statements", "%.0f%%".formatted(ratio * 100),
					">= 70%", ratio >= 0.70);
		}
		if (minimal != null && !minimal.failed()) {
			double ratio = max.perSecond() / minimal.tps();
			r.info("pgbench on the minimal reference webhook, bench-defined (" + PGBENCH_CLIENTS + " clients)",
					"%.0f tps".formatted(minimal.tps()));
			r.figure("Webhooks/s as a share of the minimal reference webhook", "%.0f%%".formatted(ratio * 100),
					"(reference; next issue: >= 85%)", null);
		}
		else {
			r.info("Webhooks/s as a share of the minimal reference webhook",
					"not measured: " + ((minimal == null) ? "pgbench not installed" : minimal.failure()));
		}
		if (recordedScript != null) {
			r.info("Statements per fresh webhook, recorded",
					"%d + %d transaction control (%d of %d recorded fresh webhooks alike)".formatted(
							recordedScript.statements(), recordedScript.transactionControl(), recordedScript.alike(),
							recordedScript.recorded()));
		}
		r.info("Statements per duplicate / bad-signature webhook, recorded (BEGIN, COMMIT included)",
				average(recording.duplicates()) + " / " + average(recording.rejected()));
		r.info("Webhook p50 / p99, closed loop", ms(max.percentileMillis(50)) + " / " + ms(max.percentileMillis(99)));
		r.figure("Webhook p50 at 200 req/s (fresh)", ms(fresh.percentileMillis(50)), "", null);
		r.figure("Webhook p99 at 200 req/s (fresh)", ms(fresh.percentileMillis(99)), "< 50 ms",
				fresh.percentileMillis(99) < 50);
		r.info("Webhook p50 / p99 at 200 req/s (duplicate)",
				ms(duplicate.percentileMillis(50)) + " / " + ms(duplicate.percentileMillis(99)));
		r.info("Webhook p50 / p99 at 200 req/s (bad signature, 403)",
				ms(rejected.percentileMillis(50)) + " / " + ms(rejected.percentileMillis(99)));
		double extra = duplicate.percentileMillis(50) - rejected.percentileMillis(50);
		double extraMean = duplicate.meanMillis() - rejected.meanMillis();
		// Only a comparison of unqueued requests says what a duplicate costs: when the
		// 200/s
		// phases queued (p99 of either over 50 ms) the difference is queueing, not work.
		boolean unqueued = duplicate.percentileMillis(99) < 50 && rejected.percentileMillis(99) < 50;
		r.figure("Duplicate minus rejected signature (p50; mean)",
				ms(extra) + "; " + ms(extraMean) + (unqueued ? "" : " (queued: not a measure of the work)"), "< 1 ms",
				unqueued && extra < 1.0);
		r.info("Duplicates/s, closed loop (" + WEBHOOK_CLIENTS + " clients)",
				"%.0f/s".formatted(maxDuplicate.perSecond()));
		r.info("Product CPU per fresh / duplicate webhook (closed loop)",
				"%.2f ms / %.2f ms".formatted(cpuPerFresh, cpuPerDuplicate));
		r.info("Of the CPU per fresh webhook: the JIT compiler threads' / the rest's",
				"%.2f ms / %.2f ms".formatted(compilersPerFresh, cpuPerFresh - compilersPerFresh));
		r.info("CPU per fresh webhook by thread (/proc, ms)", byKind(freshByKind, max.count()));
		r.info("JIT compilation in the fresh closed-loop window, per webhook (java.ci.totalTime)",
				"%.2f ms".formatted(jitPerFresh));
		long unexpected = fresh.unexpected(200) + duplicate.unexpected(200) + rejected.unexpected(403)
				+ max.unexpected(200) + maxDuplicate.unexpected(200) + recording.unexpected();
		r.figure("Webhook answers other than 200 (403 for bad signatures)", String.valueOf(unexpected), "0",
				unexpected == 0);
		r.figure("Inbound messages stored by duplicate webhooks", String.valueOf(storedByDuplicates), "0",
				storedByDuplicates == 0);
		r.figure("Records stored for wrongly signed webhooks", String.valueOf(storedRejected), "0",
				storedRejected == 0);
	}

	/**
	 * pgbench with a script of one webhook per transaction, on the webhook leads; the
	 * same clients and time as the closed loop it is compared with.
	 */
	private BenchDatabase.PgbenchResult pgbench(String name, Path script) throws IOException, InterruptedException {
		BenchDatabase.PgbenchResult result = this.database.pgbench(script, PGBENCH_CLIENTS, WEBHOOK_SECONDS,
				"leads=" + BenchDatabase.WEBHOOK_LEADS);
		if (result == null) {
			return null;
		}
		String file = script.getFileName().toString().replace(".sql", "") + ".pgbench.out";
		Files.writeString(this.work.resolve(file), result.output());
		if (result.failed()) {
			System.out.println("  pgbench on the " + name + " failed: " + result.failure() + " (see "
					+ this.work.resolve(file) + ")");
		}
		else {
			System.out.printf("  pgbench on the %s, %d clients: %.0f tps, mean %.2f ms%n", name, PGBENCH_CLIENTS,
					result.tps(), result.latencyMillis());
		}
		return result;
	}

	private static String average(List<List<RecordedStatement>> requests) {
		return "%.1f".formatted(requests.stream().mapToInt(List::size).average().orElse(Double.NaN));
	}

	/**
	 * Inbound messages stored by the benchmark's webhooks, once requests the client gave
	 * up on have finished too.
	 */
	private long inboundStored() throws SQLException, InterruptedException {
		long last = -1;
		long now = this.database
			.count("SELECT count(*) FROM messages WHERE provider_sid LIKE 'SM" + WebhookCalls.PREFIX + "%'");
		while (now != last) {
			Thread.sleep(500);
			last = now;
			now = this.database
				.count("SELECT count(*) FROM messages WHERE provider_sid LIKE 'SM" + WebhookCalls.PREFIX + "%'");
		}
		return now;
	}

	private void speedToLead() throws Exception {
		System.out.println("== Speed to lead");
		this.recorded.speed();
		// Other phone numbers than the measured leads.
		warmUp("intake", 4, 20_000,
				(i) -> LoadGenerator.Call.of(this.product.intakeRequest("Warm Lead" + i, "+1512" + (4_000_001 + i))));
		this.database.awaitSendsSettled(Duration.ofSeconds(60));
		this.provider.reset();
		int count = INTAKE_RATE * INTAKE_SECONDS;
		long[] answeredAt = new long[count];
		long[] sentAt = new long[count];
		Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
		checkpoint();
		double jitBefore = this.product.compileSeconds();
		Map<Long, ProductProcess.ThreadCpu> threadsBefore = this.product.threadsCpu();
		long cpuBefore = this.product.cpuMillis();
		Instant intakeFrom = Instant.now();
		Latencies intake = this.load.openLoop("intake at 50/s", INTAKE_RATE, count, (i) -> {
			HttpRequest request = this.product.intakeRequest("Speed Lead" + i, "+1512" + (3_000_001 + i));
			return new LoadGenerator.Call(request, (status, sent, at) -> {
				sentAt[i] = sent;
				answeredAt[i] = at;
				statuses.merge(status, 1, Integer::sum);
			});
		});
		System.out.println("  " + intake.summary());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (this.provider.accepted() < count && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		double cpuPerLead = (this.product.cpuMillis() - cpuBefore) / (double) count;
		Map<String, Long> leadByKind = ProductProcess.cpuMillisByKindBetween(threadsBefore, this.product.threadsCpu());
		double compilersPerLead = ProductProcess.compilerCpuMillis(leadByKind) / (double) count;
		double jitPerLead = jitMillisSince(jitBefore) / count;
		this.profile.window("Intake and instant response at 50 leads/s", intakeFrom, Instant.now());
		List<Long> fromAnswer = new ArrayList<>();
		List<Long> fromRequest = new ArrayList<>();
		int missing = 0;
		for (int i = 0; i < count; i++) {
			Long arrived = this.provider.firstArrivalTo("+1512" + (3_000_001 + i));
			if (arrived == null || answeredAt[i] == 0) {
				missing++;
				continue;
			}
			fromAnswer.add(arrived - answeredAt[i]);
			fromRequest.add(arrived - sentAt[i]);
		}
		long[] answer = fromAnswer.stream().mapToLong(Long::longValue).sorted().toArray();
		long[] request = fromRequest.stream().mapToLong(Long::longValue).sorted().toArray();
		double p50 = percentile(answer, 50);
		double p99 = percentile(answer, 99);
		Report r = this.report;
		System.out.println("-- figures");
		r.figure("Speed to lead p50 at 50 leads/s (intake answer -> provider call)", ms(p50), "< 100 ms", p50 < 100);
		r.figure("Speed to lead p99 at 50 leads/s", ms(p99), "< 1 s", p99 < 1000);
		r.info("Intake request sent -> provider call, p50 / p99",
				ms(percentile(request, 50)) + " / " + ms(percentile(request, 99)));
		r.info("Intake answer p50 / p99 at 50 leads/s",
				ms(intake.percentileMillis(50)) + " / " + ms(intake.percentileMillis(99)));
		r.info("Product CPU per lead (intake, instant response, its send)", "%.2f ms".formatted(cpuPerLead));
		r.info("Of the CPU per lead: the JIT compiler threads' / the rest's",
				"%.2f ms / %.2f ms".formatted(compilersPerLead, cpuPerLead - compilersPerLead));
		r.info("CPU per lead by thread (/proc, ms)", byKind(leadByKind, count));
		r.info("JIT compilation in the intake window, per lead (java.ci.totalTime)", "%.2f ms".formatted(jitPerLead));
		r.figure("Leads not texted within 30 s / intake answers other than 201",
				missing + " / " + (intake.unexpected(201)), "0 / 0", missing == 0 && intake.unexpected(201) == 0);
	}

	/**
	 * SPEC 7 calls: the voice webhook (signature, dedupe, lead, TwiML) at 100 calls/s
	 * from new callers while the staff phone rings; then 20 missed calls/s (no phone to
	 * ring: each call is missed as it arrives) and, for each, the time from the end of
	 * its grace delay ({@code calls.missed_text_due_at}, the product's own record) to the
	 * provider's receipt of its text.
	 */
	private void calls() throws Exception {
		System.out.println("== Calls");
		this.product
			.changeSettings("{\"staffPhones\": [\"+15125550100\"], \"missedCallDelaySeconds\": " + GRACE_SECONDS + "}");
		WebhookCalls voice = new WebhookCalls(this.product.uri(WebhookCalls.VOICE_PATH));
		warmUp("voice", 4, 20_000, (i) -> LoadGenerator.Call
			.of(voice.signed(WebhookCalls.incomingCall(30_000_000L + i, "+1512" + (5_000_001 + i)))));
		int count = CALL_RATE * CALL_SECONDS;
		checkpoint();
		Instant voiceFrom = Instant.now();
		Latencies ringing = this.load.openLoop("voice at " + CALL_RATE + "/s", CALL_RATE, count,
				(i) -> LoadGenerator.Call
					.of(voice.signed(WebhookCalls.incomingCall(31_000_000L + i, "+1512" + (6_000_001 + i)))));
		System.out.println("  " + ringing.summary());
		this.profile.window("Voice webhook at 100 calls/s", voiceFrom, Instant.now());

		this.product.changeSettings("{\"staffPhones\": []}");
		this.database.awaitSendsSettled(Duration.ofSeconds(60));
		this.provider.reset();
		int missed = MISSED_CALL_RATE * CALL_SECONDS;
		// The harness's nanoTime (the stand-in's arrivals) against the wall clock both
		// processes share (the product's due times).
		long wallAtNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
		Latencies misses = this.load.openLoop("missed calls at " + MISSED_CALL_RATE + "/s", MISSED_CALL_RATE, missed,
				(i) -> LoadGenerator.Call
					.of(voice.signed(WebhookCalls.incomingCall(32_000_000L + i, "+1512" + (7_000_001 + i)))));
		System.out.println("  " + misses.summary());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS + 60);
		while (this.provider.accepted() < missed && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		List<Long> delays = new ArrayList<>();
		int untexted = 0;
		for (int i = 0; i < missed; i++) {
			String phone = "+1512" + (7_000_001 + i);
			Long arrived = this.provider.firstArrivalTo(phone);
			String due = this.database.value("SELECT (extract(epoch FROM missed_text_due_at) * 1000000)::bigint"
					+ " FROM calls WHERE from_phone = '" + phone + "'");
			if (arrived == null || due == null) {
				untexted++;
				continue;
			}
			delays.add((arrived + wallAtNanos) - Long.parseLong(due) * 1000L);
		}
		long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
		double p50 = percentile(sorted, 50);
		double p99 = percentile(sorted, 99);
		double max = percentile(sorted, 100);
		Report r = this.report;
		System.out.println("-- figures");
		r.figure("Voice webhook p99 at " + CALL_RATE + " calls/s (new callers, ringing)",
				ms(ringing.percentileMillis(99)), "< 50 ms", ringing.percentileMillis(99) < 50);
		r.info("Voice webhook p50 at " + CALL_RATE + " calls/s", ms(ringing.percentileMillis(50)));
		r.info("Voice webhook (missed at once) p50 / p99 at " + MISSED_CALL_RATE + " calls/s",
				ms(misses.percentileMillis(50)) + " / " + ms(misses.percentileMillis(99)));
		r.figure("End of grace delay -> provider call, p99 at " + MISSED_CALL_RATE + " missed calls/s", ms(p99),
				"< 5 s", p99 < 5000);
		r.info("End of grace delay -> provider call, p50 / max", ms(p50) + " / " + ms(max));
		long unexpected = ringing.unexpected(200) + misses.unexpected(200);
		r.figure("Missed callers not texted within " + (GRACE_SECONDS + 60) + " s / voice answers other than 200",
				untexted + " / " + unexpected, "0 / 0", untexted == 0 && unexpected == 0);
	}

	/**
	 * SPEC 7 photos: inbound MMS with three photos each at 50/s from the seeded leads;
	 * the webhook's answer (it stores the message and its media's addresses, and answers
	 * at once) and the time until every photo was downloaded, through Twilio's redirect
	 * to its storage, and stored ({@code message_media}: from the row's creation with the
	 * message to its {@code stored} update, the product's own record).
	 */
	private void photos() throws Exception {
		System.out.println("== Photos (MMS)");
		byte[] photo = Photos.jpeg();
		this.provider.servePhoto(photo);
		WebhookCalls webhooks = new WebhookCalls(this.product.uri(WebhookCalls.PATH));
		// At most 300 messages a round, their 900 photos stored before the next
		// round: a warm-up of 2,000 messages at once left its downloads running into
		// the measured window. Up to 3,600 in all (12 rounds), stopping when the JIT
		// is quiet as on the other paths: with 1,200 a slower host's JIT was still
		// compiling 4.6 s in the last round and 3.6 s in the measured window. The WAL
		// of so many photos is checkpointed before the measured load (checkpoint()).
		warmUp("MMS", 4, 3_600, 300, () -> awaitMediaSettled(Duration.ofSeconds(60)), (i) -> LoadGenerator.Call
			.of(webhooks.signed(WebhookCalls.inboundMms(40_000_000L + i, MMS_PHOTOS, this.provider))));
		awaitMediaSettled(Duration.ofSeconds(60));
		long measuredFrom = Long.parseLong(this.database.value("SELECT count(*) FROM message_media"));
		int count = MMS_RATE * MMS_SECONDS;
		checkpoint();
		Instant mmsFrom = Instant.now();
		Latencies mms = this.load.openLoop("MMS with " + MMS_PHOTOS + " photos at " + MMS_RATE + "/s", MMS_RATE, count,
				(i) -> LoadGenerator.Call
					.of(webhooks.signed(WebhookCalls.inboundMms(41_000_000L + i, MMS_PHOTOS, this.provider))));
		System.out.println("  " + mms.summary());
		awaitMediaSettled(Duration.ofSeconds(120));
		this.profile.window("MMS webhook with 3 photos at 50/s, and their downloads", mmsFrom, Instant.now());
		String where = " FROM message_media mm JOIN messages m ON m.id = mm.message_id" + " WHERE m.provider_sid >= '"
				+ WebhookCalls.sid("MM", 41_000_000L) + "' AND m.provider_sid < '" + WebhookCalls.sid("MM", 42_000_000L)
				+ "'";
		long stored = this.database.count("SELECT count(*)" + where + " AND mm.status = 'stored'");
		long notStored = this.database.count("SELECT count(*)" + where + " AND mm.status <> 'stored'");
		String[] times = this.database
			.value("SELECT concat_ws(' ', percentile_disc(0.5) WITHIN GROUP (ORDER BY d),"
					+ " percentile_disc(0.99) WITHIN GROUP (ORDER BY d), max(d)) FROM (SELECT"
					+ " extract(epoch FROM mm.updated_at - mm.created_at) * 1000 AS d" + where
					+ " AND mm.status = 'stored') x")
			.split(" ");
		double p50 = Double.parseDouble(times[0]);
		double p99 = Double.parseDouble(times[1]);
		double max = Double.parseDouble(times[2]);
		Report r = this.report;
		System.out.println("-- figures");
		r.figure("MMS webhook (" + MMS_PHOTOS + " photos) p99 at " + MMS_RATE + "/s", ms(mms.percentileMillis(99)),
				"< 50 ms", mms.percentileMillis(99) < 50);
		r.info("MMS webhook p50 at " + MMS_RATE + "/s", ms(mms.percentileMillis(50)));
		r.figure("Photo stored after its webhook, max (p50 / p99 " + ms(p50) + " / " + ms(p99) + ")", ms(max), "< 10 s",
				max < 10_000 && notStored == 0 && stored == (long) count * MMS_PHOTOS);
		r.info("Photos stored / not stored; photo size; media rows before",
				"%,d / %,d; %,d bytes; %,d".formatted(stored, notStored, photo.length, measuredFrom));
		r.figure("MMS answers other than 200", Long.toString(mms.unexpected(200)), "0", mms.unexpected(200) == 0);
	}

	/**
	 * SPEC 7 sources: posts of Angi, Google Ads lead forms and the hosted web form, each
	 * at 50/s from new phones (each a new lead, stored as a submission, with its instant
	 * response); then Meta lead webhooks at 20/s, each read from the stand-in's Graph API
	 * after the answer, and the time from the webhook's answer to the provider's receipt
	 * of that lead's text.
	 */
	private void sources() throws Exception {
		System.out.println("== Lead sources");
		this.product.changeSettings(SourcePosts.SETTINGS);
		SourcePosts posts = new SourcePosts(this.product);
		// Phones of another exchange than the measured posts'.
		warmUp("connector", 4, 9_000,
				(i) -> LoadGenerator.Call.of((i % 3 == 0) ? posts.angi(50_000 + i, SourcePosts.phone(650, i))
						: (i % 3 == 1) ? posts.google(50_000 + i, SourcePosts.phone(650, i))
								: posts.form(50_000 + i, SourcePosts.phone(650, i))));
		this.database.awaitSendsSettled(Duration.ofSeconds(60));
		int count = SOURCE_RATE * SOURCE_SECONDS;
		checkpoint();
		Instant from = Instant.now();
		Latencies angi = this.load.openLoop("Angi at " + SOURCE_RATE + "/s", SOURCE_RATE, count,
				(i) -> LoadGenerator.Call.of(posts.angi(i, SourcePosts.phone(610, i))));
		System.out.println("  " + angi.summary());
		Latencies google = this.load.openLoop("Google Ads at " + SOURCE_RATE + "/s", SOURCE_RATE, count,
				(i) -> LoadGenerator.Call.of(posts.google(i, SourcePosts.phone(620, i))));
		System.out.println("  " + google.summary());
		Latencies form = this.load.openLoop("web form at " + SOURCE_RATE + "/s", SOURCE_RATE, count,
				(i) -> LoadGenerator.Call.of(posts.form(i, SourcePosts.phone(630, i))));
		System.out.println("  " + form.summary());
		this.profile.window("Connector posts (Angi, Google Ads, web form) at 50/s", from, Instant.now());

		this.database.awaitSendsSettled(Duration.ofSeconds(60));
		this.provider.reset();
		int metaCount = META_RATE * SOURCE_SECONDS;
		long[] answeredAt = new long[metaCount];
		Latencies meta = this.load.openLoop("Meta webhooks at " + META_RATE + "/s", META_RATE, metaCount,
				(i) -> new LoadGenerator.Call(posts.facebook(700_000_000L + i),
						(status, sent, at) -> answeredAt[i] = at));
		System.out.println("  " + meta.summary());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (this.provider.accepted() < metaCount && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		List<Long> delays = new ArrayList<>();
		int untexted = 0;
		for (int i = 0; i < metaCount; i++) {
			Long arrived = this.provider.firstArrivalTo(SourcePosts.facebookPhone(700_000_000L + i));
			if (arrived == null || answeredAt[i] == 0) {
				untexted++;
				continue;
			}
			delays.add(arrived - answeredAt[i]);
		}
		long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
		long submissions = this.database.count("SELECT count(*) FROM lead_submissions WHERE source IN ('angi',"
				+ " 'google-ads', 'quote', 'facebook') AND received_at >= now() - interval '10 minutes'");
		Report r = this.report;
		System.out.println("-- figures");
		r.figure("Angi post p99 at " + SOURCE_RATE + "/s", ms(angi.percentileMillis(99)), "< 100 ms",
				angi.percentileMillis(99) < 100);
		r.figure("Google Ads lead form post p99 at " + SOURCE_RATE + "/s", ms(google.percentileMillis(99)), "< 100 ms",
				google.percentileMillis(99) < 100);
		r.figure("Web form post p99 at " + SOURCE_RATE + "/s", ms(form.percentileMillis(99)), "< 100 ms",
				form.percentileMillis(99) < 100);
		r.info("Angi / Google / web form p50", ms(angi.percentileMillis(50)) + " / " + ms(google.percentileMillis(50))
				+ " / " + ms(form.percentileMillis(50)));
		double p99 = percentile(sorted, 99);
		r.figure("Meta webhook answer -> its lead's text, p99 at " + META_RATE + "/s", ms(p99), "< 5 s",
				p99 < 5000 && untexted == 0);
		r.info("Meta webhook answer -> text, p50 / max; webhook answer p99", ms(percentile(sorted, 50)) + " / "
				+ ms(percentile(sorted, 100)) + "; " + ms(meta.percentileMillis(99)));
		// The form answers a redirect to its thank-you page.
		long formUnexpected = Math.min(form.unexpected(302), form.unexpected(303));
		long unexpected = angi.unexpected(200) + google.unexpected(200) + formUnexpected + meta.unexpected(200);
		r.figure("Meta leads not texted within 60 s / answers other than expected", untexted + " / " + unexpected,
				"0 / 0", untexted == 0 && unexpected == 0);
		r.info("Submissions stored in the last 10 minutes (the four sources, warm-up included)",
				"%,d".formatted(submissions));
	}

	private void awaitMediaSettled(Duration timeout) throws SQLException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.database.count("SELECT count(*) FROM message_media WHERE status = 'pending'") > 0
				&& System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
	}

	private void sweep() throws Exception {
		System.out.println("== Follow-up sweep");
		// Quiet hours would hold follow-ups back at night in the leads' zones: an empty
		// window makes the figure independent of the hour the benchmark runs at.
		this.database.execute("UPDATE settings SET quiet_hours_start = '00:00', quiet_hours_end = '00:00'");
		this.recorded.sweep();
		double seeded = this.database.seed(Seeds.dueFollowUps("sw-", "737", SWEEP_LEADS), "ANALYZE leads");
		System.out.printf("  %,d due follow-ups seeded in %.1f s%n", SWEEP_LEADS, seeded);
		this.database.awaitSendsSettled(Duration.ofSeconds(60));
		this.provider.reset();
		checkpoint();
		long cpuBefore = this.product.cpuMillis();
		Instant sweepFrom = Instant.now();
		long start = System.nanoTime();
		CompletableFuture<String> cron = CompletableFuture.supplyAsync(this.product::cronPass);
		long deadline = start + TimeUnit.SECONDS.toNanos(600);
		while (this.provider.accepted() < SWEEP_LEADS && System.nanoTime() < deadline && this.product.alive()) {
			Thread.sleep(100);
		}
		long handed = this.provider.accepted();
		this.profile.window("Follow-up sweep of 100,000", sweepFrom, Instant.now());
		double seconds = ((handed >= SWEEP_LEADS) ? this.provider.lastArrivalNanos() - start
				: System.nanoTime() - start) / 1e9;
		String answer;
		try {
			answer = cron.get(600, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			answer = "no answer within 10 minutes";
		}
		double cronSeconds = (System.nanoTime() - start) / 1e9;
		double cpuPerFollowUp = (this.product.cpuMillis() - cpuBefore) / (double) Math.max(1, handed);
		System.out.printf("  %,d handed to the stand-in in %.1f s; cron answered after %.1f s: %s%n", handed, seconds,
				cronSeconds, answer);
		this.database.awaitSendsSettled(Duration.ofSeconds(120));
		long sent = this.database
			.count("SELECT count(*) FROM messages m JOIN leads l ON l.id = m.lead_id WHERE l.phone LIKE '+1737%'"
					+ " AND m.status = 'sent'");
		long other = this.database
			.count("SELECT count(*) FROM messages m JOIN leads l ON l.id = m.lead_id WHERE l.phone LIKE '+1737%'"
					+ " AND m.status <> 'sent'");
		double rate = handed / seconds;
		Report r = this.report;
		System.out.println("-- figures");
		r.figure("Follow-ups handed to the provider stand-in per second",
				"%.0f/s (%,d in %.1f s)".formatted(rate, handed, seconds), ">= 1,000/s",
				rate >= 1000 && handed >= SWEEP_LEADS);
		r.figure("Follow-ups sent / not sent (other status) after the sweep", sent + " / " + other,
				SWEEP_LEADS + " / 0", sent == SWEEP_LEADS && other == 0);
		r.info("Cron pass answer time (sweep only)", "%.1f s".formatted(cronSeconds));
		r.info("Product CPU per follow-up (sweep and send)", "%.2f ms".formatted(cpuPerFollowUp));
	}

	private void expiry() throws Exception {
		System.out.println("== Expiry pass");
		this.recorded.expiry();
		double seeded = this.database.seed(Seeds.expiredSequences("ex-", "600", EXPIRED_LEADS), "ANALYZE leads");
		System.out.printf("  %,d expired sequences seeded in %.1f s%n", EXPIRED_LEADS, seeded);
		this.database.awaitSendsSettled(Duration.ofSeconds(60));
		long before = this.database
			.count("SELECT count(*) FROM leads WHERE closed_reason = 'Sequence expired (30 days)'");
		long start = System.nanoTime();
		String answer = this.product.cronPass();
		double seconds = (System.nanoTime() - start) / 1e9;
		long closed = this.database
			.count("SELECT count(*) FROM leads WHERE closed_reason = 'Sequence expired (30 days)'") - before;
		long stillOpen = this.database
			.count("SELECT count(*) FROM leads WHERE phone LIKE '+1600%' AND status IN ('new', 'contacted')");
		System.out.printf("  cron answered after %.1f s: %s%n", seconds, answer);
		Report r = this.report;
		System.out.println("-- figures");
		r.figure("100,000 expired sequences closed (whole cron pass)", "%.1f s".formatted(seconds), "< 30 s",
				seconds < 30 && closed >= EXPIRED_LEADS);
		r.figure("Sequences closed as expired / left open", closed + " / " + stillOpen, EXPIRED_LEADS + " / 0",
				closed == EXPIRED_LEADS && stillOpen == 0);
	}

	private void inbox() throws Exception {
		System.out.println("== Inbox (staff pages and JSON API, recorded)");
		List<InboxVisits.Visit> visits = this.recorded.inbox();
		List<String> failed = visits.stream()
			.filter((v) -> !v.ok())
			.map((v) -> v.request() + " " + v.status())
			.toList();
		System.out.println("-- figures");
		this.report.figure("Staff page and API requests answered otherwise than expected (of " + visits.size() + ")",
				failed.isEmpty() ? "0" : failed.size() + ": " + String.join("; ", failed), "0", failed.isEmpty());
	}

	/**
	 * The plan of every distinct statement recorded in the phases SPEC 7 asks about, at
	 * full size: the sweep and expiry passes, the webhooks and the inbox.
	 */
	private void plans() throws SQLException {
		System.out.println("== Query plans");
		this.database.seed("VACUUM ANALYZE leads", "VACUUM ANALYZE messages");
		long leads = this.database.count("SELECT count(*) FROM leads");
		long messages = this.database.count("SELECT count(*) FROM messages");
		System.out.printf("  %,d leads, %,d messages%n", leads, messages);
		List<String> checked = List.of("sweep", "expiry", "webhooks", "inbox");
		List<PlanCheck.Query> queries = PlanCheck.queries(this.recorder.statements(checked));
		List<PlanCheck.Verdict> verdicts = PlanCheck.run(this.database, queries);
		List<String> failed = new ArrayList<>();
		for (PlanCheck.Verdict v : verdicts) {
			System.out.printf("  %-72s %-8s %-10s %s %s%n", v.query().name(), v.mode(), v.query().phaseList(),
					v.outcome(), v.indexes());
			if (!v.passed()) {
				failed.add(v.query().name() + " (" + v.query().phaseList() + ", " + v.mode() + "): " + v.outcome());
			}
		}
		List<String> missing = checked.stream().filter((p) -> !this.recorder.phases().contains(p)).toList();
		System.out.println("-- figures");
		this.report.figure(
				"Recorded statements (%d distinct, custom and generic plans) scanning leads or messages sequentially at %,d leads / %,d messages"
					.formatted(queries.size(), leads, messages),
				(failed.isEmpty() ? "none" : String.join("; ", failed))
						+ (missing.isEmpty() ? "" : " (not recorded: " + String.join(", ", missing) + ")"),
				"none", failed.isEmpty() && missing.isEmpty() && leads >= 1_000_000);
		for (PlanCheck.Query q : queries) {
			String indexes = verdicts.stream()
				.filter((v) -> v.query().equals(q))
				.map((v) -> v.mode() + ": " + (v.indexes().isEmpty() ? "-" : String.join(", ", v.indexes())))
				.reduce((a, b) -> a + "; " + b)
				.orElse("");
			this.report
				.note("Plan of `" + q.name() + "` (" + q.phaseList() + ", sent " + q.executions() + "x): " + indexes);
		}
	}

	private void memory() throws IOException, InterruptedException {
		System.out.println("== Memory");
		Files.writeString(this.work.resolve("heap-info.txt"), this.product.heapInfo());
		long heap = this.product.peakHeapBytes();
		long rss = this.product.peakRssKb();
		System.out.println("-- figures");
		this.report.figure("Product alive after the run with -Xmx" + ProductProcess.HEAP,
				this.product.alive() ? "yes" : "no", "yes", this.product.alive());
		this.report.info("Peak heap used (scraped every 5 s)", "%.0f MiB".formatted(heap / 1048576.0));
		this.report.info("Peak RSS (VmHWM)", "%.0f MiB".formatted(rss / 1024.0));
	}

	/**
	 * The command as it was run: {@code ./bench/run.sh} after the settings given to it.
	 */
	static String command() {
		StringBuilder command = new StringBuilder();
		for (String name : SETTINGS) {
			String value = System.getenv(name);
			if (value != null && !value.isBlank()) {
				command.append(name).append('=').append(value).append(' ');
			}
		}
		return command.append(COMMAND).toString();
	}

	private void machine(String loadBefore) throws SQLException, IOException, InterruptedException {
		Report r = this.report;
		r.machine("CPU", cpuModel() + ", " + run("nproc", "--all").trim() + " cores (`nproc --all`)");
		r.machine("cores", this.placement.describe());
		r.machine("memory (`free -h`)",
				"`" + run("free", "-h").lines().skip(1).findFirst().orElse("").trim().replaceAll("\\s+", " ") + "`");
		r.machine("Java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		r.machine("PostgreSQL", this.database.value("SELECT version()") + " (" + this.database.describe() + ")");
		r.machine("PostgreSQL settings",
				"fsync=" + this.database.value("SHOW fsync") + ", synchronous_commit="
						+ this.database.value("SHOW synchronous_commit") + ", shared_buffers="
						+ this.database.value("SHOW shared_buffers") + ", max_connections="
						+ this.database.value("SHOW max_connections"));
		r.machine("load average before / after (`/proc/loadavg`)",
				loadBefore + " / " + Files.readString(Path.of("/proc/loadavg")).trim());
	}

	private static String cpuModel() throws IOException {
		return Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter((l) -> l.startsWith("model name"))
			.findFirst()
			.map((l) -> l.substring(l.indexOf(':') + 1).trim())
			.orElse("unknown");
	}

	private static String run(String... command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor(10, TimeUnit.SECONDS);
		return out;
	}

	private static double percentile(long[] sortedNanos, double percentile) {
		if (sortedNanos.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
		return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1_000_000.0;
	}

	private static String ms(double millis) {
		return "%.2f ms".formatted(millis);
	}

	private synchronized void close() throws Exception {
		if (this.product != null) {
			this.product.close();
			this.product = null;
		}
		if (this.recordingProduct != null) {
			this.recordingProduct.close();
			this.recordingProduct = null;
		}
		if (this.load != null) {
			this.load.close();
			this.load = null;
		}
		if (this.provider != null) {
			this.provider.close();
			this.provider = null;
		}
		if (this.placement != null) {
			this.placement.close();
			this.placement = null;
		}
		if (this.database != null) {
			this.database.close();
			this.database = null;
		}
	}

}
