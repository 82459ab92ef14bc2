package com.leadresponse.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The product as operators run it: {@code java -Xmx384m -jar target/lead-response.jar} in
 * its own process, configured by environment variables, with the in-process scheduler off
 * (the harness drives the periodic pass through the cron endpoint). Samples its heap
 * (from {@code /actuator/prometheus}) and resident memory ({@code /proc/<pid>/status})
 * while it runs.
 */
final class ProductProcess implements AutoCloseable {

	static final String HEAP = "384m";

	static final String API_KEY = "bench-intake-key";

	static final String CRON_SECRET = "bench-cron-secret";

	/** The bearer token of {@code /actuator/prometheus}, which is closed without it. */
	static final String METRICS_TOKEN = "bench-metrics-token";

	static final String ADMIN_EMAIL = "bench@example.com";

	static final String ADMIN_PASSWORD = "bench-admin-password";

	private final Process process;

	private final int port;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final AtomicLong peakHeapBytes = new AtomicLong();

	private final AtomicLong peakRssKb = new AtomicLong();

	private final Thread sampler;

	private volatile boolean sampling = true;

	private ProductProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.sampler = new Thread(this::sample, "memory-sampler");
		this.sampler.setDaemon(true);
	}

	/**
	 * Starts the product and waits until it is ready; {@code sampled}: whether its memory
	 * is sampled (the measured product; the recording one is not measured, and scraping
	 * it would take CPU from the one that is).
	 */
	static ProductProcess start(Path jar, BenchDatabase database, ProviderStandIn provider, Path log,
			Map<String, String> extraEnv, boolean sampled) throws IOException, InterruptedException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError"));
		if (sampled && !"false".equals(System.getenv("BENCH_JFR"))) {
			// The JDK Flight Recorder, for where the CPU went (Profile): sampling costs
			// the product about 1% of its CPU; BENCH_JFR=false leaves it out.
			command.add("-XX:StartFlightRecording=filename=" + recording(log) + ",settings=profile,dumponexit=true");
		}
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.directory(log.getParent().toFile());
		Map<String, String> env = builder.environment();
		env.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
		env.put("SPRING_DATASOURCE_USERNAME", database.user());
		env.put("SPRING_DATASOURCE_PASSWORD", database.password());
		env.put("SERVER_PORT", String.valueOf(port));
		env.put("APP_PUBLIC_URL", "http://127.0.0.1:" + port);
		env.put("TWILIO_ACCOUNT_SID", ProviderStandIn.ACCOUNT_SID);
		env.put("TWILIO_AUTH_TOKEN", ProviderStandIn.AUTH_TOKEN);
		env.put("TWILIO_FROM_NUMBER", ProviderStandIn.FROM);
		env.put("TWILIO_API_BASE_URL", provider.baseUrl());
		env.put("CRON_SECRET", CRON_SECRET);
		env.put("CRON_SCHEDULER_ENABLED", "false");
		env.put("LEAD_API_KEYS", API_KEY);
		env.put("ADMIN_EMAIL", ADMIN_EMAIL);
		env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
		env.put("LEAD_RESPONSE_METRICS_TOKEN", METRICS_TOKEN);
		// The benchmark is a flood on purpose: SPEC 7 asks for 50 leads/s from
		// one key and 100,000 follow-ups in one pass, far past the intake rate
		// and the hourly cap that stop a lead source turned against the business.
		env.put("LEAD_RESPONSE_INTAKE_RATE_PER_MINUTE", "1000000");
		env.put("LEAD_RESPONSE_SMS_OUTBOUND_HOURLY_CAP", "100000000");
		// All load comes from 127.0.0.1 where production's comes from many addresses
		// (Twilio's, the lead sources'): the cap on bodies awaited per address would
		// count the whole load as one client.
		env.put("LEAD_RESPONSE_WEB_BODY_READS_PER_ADDRESS", "100000");
		// Meta Lead Ads (SPEC 9): the Graph API is the stand-in's.
		env.put("FACEBOOK_APP_SECRET", SourcePosts.FACEBOOK_APP_SECRET);
		env.put("FACEBOOK_VERIFY_TOKEN", "bench-verify-token");
		env.put("FACEBOOK_PAGE_ACCESS_TOKEN", "bench-page-access-token");
		env.put("FACEBOOK_GRAPH_BASE_URL", provider.baseUrl());
		env.putAll(extraEnv);
		ProductProcess product = new ProductProcess(builder.start(), port, log);
		product.awaitReady(Duration.ofSeconds(180));
		if (sampled) {
			product.sampler.start();
		}
		return product;
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private void awaitReady(Duration timeout) throws InterruptedException, IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"The product exited with " + this.process.exitValue() + "; see " + this.log);
			}
			try {
				HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("The product was not ready within " + timeout + "; see " + this.log);
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	/** Where the product's flight recording is written when it stops. */
	static Path recording(Path log) {
		return log.resolveSibling("product.jfr");
	}

	long pid() {
		return this.process.pid();
	}

	boolean alive() {
		return this.process.isAlive();
	}

	/** The highest heap in use seen by the sampler, in bytes. */
	long peakHeapBytes() {
		return this.peakHeapBytes.get();
	}

	/** The kernel's record of the process's peak resident set ({@code VmHWM}), in KiB. */
	long peakRssKb() {
		long hwm = statusField("VmHWM");
		return Math.max(hwm, this.peakRssKb.get());
	}

	/** A lead posted by a lead source with the API key, as JSON. */
	HttpRequest intakeRequest(String name, String phone) {
		String body = "{\"name\":\"%s\",\"phone\":\"%s\",\"source\":\"bench\"}".formatted(name, phone);
		return HttpRequest.newBuilder(uri("/api/leads"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", API_KEY)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	/** The hosted form's page, as a person's browser gets it. */
	String get(String path) throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/**
	 * Changes settings through {@code PATCH /api/settings} as an admin does; fails when
	 * they are refused.
	 */
	void changeSettings(String json) throws IOException, InterruptedException {
		String credentials = Base64.getEncoder()
			.encodeToString((ADMIN_EMAIL + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(uri("/api/settings"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + credentials)
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("Settings refused (" + answer.statusCode() + "): " + answer.body());
		}
	}

	/**
	 * One periodic pass (follow-ups, expiry, housekeeping) through the cron endpoint, as
	 * an external scheduler calls it; answers its status and body.
	 */
	String cronPass() {
		try {
			HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(uri("/api/cron/process-followups"))
				.timeout(Duration.ofMinutes(10))
				.header("Authorization", "Bearer " + CRON_SECRET)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			return answer.statusCode() + " " + answer.body();
		}
		catch (IOException ex) {
			return "failed: " + ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	String prometheus() throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
				.header("Authorization", "Bearer " + METRICS_TOKEN)
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/** {@code jcmd <pid> GC.heap_info}, for the record. */
	String heapInfo() {
		return jcmd("GC.heap_info");
	}

	/**
	 * The time the product's JIT compilers have spent so far, in seconds (the HotSpot
	 * counters {@code java.ci.totalTime} and {@code sun.os.hrt.frequency}); -1 when they
	 * cannot be read.
	 */
	double compileSeconds() {
		Map<String, Long> counters = new HashMap<>();
		for (String line : jcmd("PerfCounter.print").split("\n")) {
			int eq = line.indexOf('=');
			if (eq > 0 && line.substring(eq + 1).matches("\\d+")) {
				counters.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
			}
		}
		Long ticks = counters.get("java.ci.totalTime");
		Long frequency = counters.get("sun.os.hrt.frequency");
		return (ticks == null || frequency == null || frequency == 0) ? -1 : ticks / (double) frequency;
	}

	private String jcmd(String command) {
		try {
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					String.valueOf(pid()), command)
				.redirectErrorStream(true)
				.start();
			String out = new String(jcmd.getInputStream().readAllBytes());
			jcmd.waitFor(20, TimeUnit.SECONDS);
			return out;
		}
		catch (IOException ex) {
			return "jcmd unavailable: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	private void sample() {
		int tick = 0;
		while (this.sampling && this.process.isAlive()) {
			this.peakRssKb.accumulateAndGet(statusField("VmRSS"), Math::max);
			if (tick++ % 20 == 0) {
				try {
					long heap = heapUsed(prometheus());
					this.peakHeapBytes.accumulateAndGet(heap, Math::max);
				}
				catch (IOException | RuntimeException ex) {
					// A busy moment: the next sample comes soon.
				}
				catch (InterruptedException ex) {
					return;
				}
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** The sum of {@code jvm_memory_used_bytes{area="heap"}} over the heap pools. */
	static long heapUsed(String prometheus) {
		double sum = 0;
		for (String line : prometheus.split("\n")) {
			if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return (long) sum;
	}

	/**
	 * CPU time the product process has used so far (user + system, from
	 * {@code /proc/<pid>/stat}), in milliseconds; 0 where there is no /proc.
	 */
	long cpuMillis() {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// Fields 14 and 15 of stat (utime, stime) in clock ticks of 10 ms.
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * A thread's CPU so far: its name as the kernel keeps it and its user + system time.
	 */
	record ThreadCpu(String name, long millis) {

		boolean compiler() {
			return this.name.startsWith("C1 CompilerThre") || this.name.startsWith("C2 CompilerThre");
		}

		/** The thread's kind: its name without numbers ({@code http-nio-#-exec-#}). */
		String kind() {
			return this.name.replaceAll("[0-9]+", "#");
		}

	}

	/**
	 * CPU time each of the product's threads has used so far, by thread id
	 * ({@code /proc/<pid>/task/<tid>/stat}); empty where there is no /proc.
	 */
	Map<Long, ThreadCpu> threadsCpu() {
		Map<Long, ThreadCpu> byThread = new HashMap<>();
		try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid()), "task"))) {
			for (Path task : tasks.toList()) {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					byThread.put(Long.parseLong(task.getFileName().toString()),
							new ThreadCpu(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10));
				}
				catch (IOException | RuntimeException ex) {
					// The thread ended while the list was read.
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return Map.of();
		}
		return byThread;
	}

	/**
	 * The CPU each kind of thread used between two readings of {@link #threadsCpu()}, in
	 * milliseconds, most first. A thread that ended in between (HotSpot starts and stops
	 * compiler threads as their queue grows and shrinks; pools retire idle threads) is
	 * not counted, so a kind's figure can only be too low, never too high.
	 */
	static Map<String, Long> cpuMillisByKindBetween(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
		Map<String, Long> byKind = new HashMap<>();
		for (Map.Entry<Long, ThreadCpu> thread : after.entrySet()) {
			ThreadCpu earlier = before.get(thread.getKey());
			long used = thread.getValue().millis() - ((earlier != null) ? earlier.millis() : 0);
			if (used > 0) {
				byKind.merge(thread.getValue().compiler() ? "JIT compiler threads" : thread.getValue().kind(), used,
						Long::sum);
			}
		}
		Map<String, Long> sorted = new java.util.LinkedHashMap<>();
		byKind.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach((kind) -> sorted.put(kind.getKey(), kind.getValue()));
		return sorted;
	}

	/** The CPU of the JIT compiler threads in such a split; 0 where there is none. */
	static long compilerCpuMillis(Map<String, Long> byKind) {
		return byKind.getOrDefault("JIT compiler threads", 0L);
	}

	private long statusField(String field) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
				if (line.startsWith(field + ":")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux, or the process has ended.
		}
		return 0;
	}

	@Override
	public void close() throws InterruptedException {
		this.sampling = false;
		this.sampler.interrupt();
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
