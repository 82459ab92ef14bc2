package com.leadresponse.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one load run measured: how many requests, over how long, their latencies (sorted,
 * nanoseconds) and the HTTP statuses seen.
 */
record Latencies(String name, long[] nanos, double seconds, Map<Integer, Long> statuses, long failures) {

	static Latencies of(String name, long[] nanos, double seconds, Map<Integer, Long> statuses, long failures) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return new Latencies(name, sorted, seconds, new TreeMap<>(statuses), failures);
	}

	int count() {
		return this.nanos.length;
	}

	double perSecond() {
		return count() / this.seconds;
	}

	/** The latency at this percentile, in milliseconds (nearest rank). */
	double percentileMillis(double percentile) {
		if (this.nanos.length == 0) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(percentile / 100.0 * this.nanos.length);
		return this.nanos[Math.max(0, Math.min(this.nanos.length - 1, rank - 1))] / 1_000_000.0;
	}

	double meanMillis() {
		return Arrays.stream(this.nanos).average().orElse(Double.NaN) / 1_000_000.0;
	}

	/** Requests answered with a status other than the expected one, or not answered. */
	long unexpected(int expectedStatus) {
		long other = this.statuses.entrySet()
			.stream()
			.filter((e) -> e.getKey() != expectedStatus)
			.mapToLong(Map.Entry::getValue)
			.sum();
		return other + this.failures;
	}

	String summary() {
		return "%s: %d requests in %.1f s = %.0f/s, p50 %.2f ms, p99 %.2f ms, mean %.2f ms, statuses %s%s".formatted(
				this.name, count(), this.seconds, perSecond(), percentileMillis(50), percentileMillis(99), meanMillis(),
				this.statuses, (this.failures > 0) ? ", " + this.failures + " failed" : "");
	}

}
