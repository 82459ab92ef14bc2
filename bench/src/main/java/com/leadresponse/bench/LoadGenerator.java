package com.leadresponse.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Load over real HTTP with the JDK's client, to 127.0.0.1 only, bounded in count and
 * time. Open loop: requests start on a fixed schedule whatever the answers, and latency
 * counts from the planned start (no coordinated omission). Closed loop: N clients each
 * send the next request when the last is answered, for the maximum rate.
 */
final class LoadGenerator implements AutoCloseable {

	/** A request with a hook that learns when it was sent and when its answer came. */
	record Call(HttpRequest request, AnswerListener onAnswer) {

		static Call of(HttpRequest request) {
			return new Call(request, (status, sentAt, answeredAt) -> {
			});
		}

	}

	@FunctionalInterface
	interface AnswerListener {

		/**
		 * The answer's status, with {@link System#nanoTime()} when the request was handed
		 * to the client and when its answer came.
		 */
		void answered(int status, long sentAtNanos, long answeredAtNanos);

	}

	private final ExecutorService clientThreads = Executors.newFixedThreadPool(4);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.executor(this.clientThreads)
		.build();

	/**
	 * {@code count} requests at {@code perSecond}, the i-th built by {@code calls} just
	 * before its planned start.
	 */
	Latencies openLoop(String name, int perSecond, int count, IntFunction<Call> calls) {
		long period = 1_000_000_000L / perSecond;
		long[] latencies = new long[count];
		Arrays.fill(latencies, -1);
		Map<Integer, Long> statuses = new ConcurrentHashMap<>();
		AtomicLong failures = new AtomicLong();
		List<CompletableFuture<?>> inFlight = new ArrayList<>(count);
		long start = System.nanoTime() + 20_000_000L;
		for (int i = 0; i < count; i++) {
			long planned = start + i * period;
			Call call = calls.apply(i);
			long wait;
			while ((wait = planned - System.nanoTime()) > 0) {
				LockSupport.parkNanos(wait);
			}
			int index = i;
			long sent = System.nanoTime();
			inFlight.add(this.client.sendAsync(call.request(), HttpResponse.BodyHandlers.discarding())
				.whenComplete((response, error) -> {
					long now = System.nanoTime();
					latencies[index] = now - planned;
					if (error != null) {
						failures.incrementAndGet();
					}
					else {
						statuses.merge(response.statusCode(), 1L, Long::sum);
						call.onAnswer().answered(response.statusCode(), sent, now);
					}
				}));
		}
		awaitAll(inFlight);
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] answered = Arrays.stream(latencies).filter((l) -> l >= 0).toArray();
		return Latencies.of(name, answered, seconds, statuses, failures.get() + (count - answered.length));
	}

	/**
	 * {@code clients} clients, each sending its next request when the last is answered,
	 * for {@code duration} (and at most {@code maxRequests} in all).
	 */
	Latencies closedLoop(String name, int clients, Duration duration, int maxRequests, IntFunction<Call> calls) {
		AtomicLong sequence = new AtomicLong();
		Map<Integer, Long> statuses = new ConcurrentHashMap<>();
		AtomicLong failures = new AtomicLong();
		List<long[]> perClient = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		long start = System.nanoTime();
		long deadline = start + duration.toNanos();
		for (int c = 0; c < clients; c++) {
			long[][] holder = { new long[1024] };
			int[] size = { 0 };
			Thread thread = new Thread(() -> {
				long i;
				while (System.nanoTime() < deadline && (i = sequence.getAndIncrement()) < maxRequests) {
					Call call = calls.apply((int) i);
					long sent = System.nanoTime();
					try {
						HttpResponse<Void> response = this.client.send(call.request(),
								HttpResponse.BodyHandlers.discarding());
						long now = System.nanoTime();
						statuses.merge(response.statusCode(), 1L, Long::sum);
						call.onAnswer().answered(response.statusCode(), sent, now);
						if (size[0] == holder[0].length) {
							holder[0] = Arrays.copyOf(holder[0], size[0] * 2);
						}
						holder[0][size[0]++] = now - sent;
					}
					catch (IOException ex) {
						failures.incrementAndGet();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
				synchronized (perClient) {
					perClient.add(Arrays.copyOf(holder[0], size[0]));
				}
			}, "load-" + c);
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			try {
				thread.join(duration.toMillis() + 60_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] all = perClient.stream().flatMapToLong(Arrays::stream).toArray();
		return Latencies.of(name, all, seconds, statuses, failures.get());
	}

	HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static void awaitAll(List<CompletableFuture<?>> futures) {
		try {
			CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			// Requests still unanswered after two minutes count as failures in the
			// result.
		}
	}

	@Override
	public void close() {
		this.clientThreads.shutdownNow();
	}

}
