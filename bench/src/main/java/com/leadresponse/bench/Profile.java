package com.leadresponse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the measured product's CPU went, per load: the JDK Flight Recorder records the
 * product for the whole run ({@code -XX:StartFlightRecording}, the JDK's {@code profile}
 * settings: a Java stack sampled every 10 ms on each running thread), and each measured
 * load's window of time is read back here. A sample is counted for the nearest frame on
 * its stack outside the JDK, by the library it belongs to (its first three package
 * names), so "org.postgresql.core" is the driver's own work and
 * "com.leadresponse.webhook" the product's; frames of the JDK itself count for the
 * library that called them.
 */
final class Profile {

	/** A measured load's time on the wall clock the product's recorder uses too. */
	record Window(String name, Instant start, Instant end) {
	}

	private final List<Window> windows = new ArrayList<>();

	void window(String name, Instant start, Instant end) {
		this.windows.add(new Window(name, start, end));
	}

	boolean isEmpty() {
		return this.windows.isEmpty();
	}

	/** The findings of each window, as Markdown, from the product's recording. */
	String markdown(Path recording) throws IOException {
		if (!Files.exists(recording)) {
			return "No recording at " + recording + ".\n";
		}
		Map<Window, Map<String, Integer>> byLibrary = new LinkedHashMap<>();
		Map<Window, Map<String, Integer>> byMethod = new LinkedHashMap<>();
		Map<Window, Integer> totals = new HashMap<>();
		Map<Window, double[]> compiled = new HashMap<>();
		Map<Window, double[]> collected = new HashMap<>();
		this.windows.forEach((w) -> {
			compiled.put(w, new double[2]);
			collected.put(w, new double[2]);
			byLibrary.put(w, new HashMap<>());
			byMethod.put(w, new HashMap<>());
		});
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				String type = event.getEventType().getName();
				if ("jdk.Compilation".equals(type) || "jdk.GarbageCollection".equals(type)) {
					// The JIT's and the collector's threads are not sampled: their time
					// in
					// each window is summed from their own events.
					Map<Window, double[]> into = "jdk.Compilation".equals(type) ? compiled : collected;
					for (Window w : this.windows) {
						double ms = overlapMillis(event, w);
						if (ms > 0) {
							into.get(w)[0] += 1;
							into.get(w)[1] += ms;
						}
					}
					continue;
				}
				if (!"jdk.ExecutionSample".equals(type) || event.getStackTrace() == null) {
					continue;
				}
				Instant at = event.getStartTime();
				for (Window w : this.windows) {
					if (!at.isBefore(w.start()) && at.isBefore(w.end())) {
						List<RecordedFrame> frames = event.getStackTrace().getFrames();
						totals.merge(w, 1, Integer::sum);
						byLibrary.get(w).merge(library(frames), 1, Integer::sum);
						if (!frames.isEmpty()) {
							byMethod.get(w).merge(name(frames.get(0).getMethod()), 1, Integer::sum);
						}
					}
				}
			}
		}
		StringBuilder out = new StringBuilder();
		for (Window w : this.windows) {
			int total = totals.getOrDefault(w, 0);
			out.append("\n**").append(w.name()).append("** (").append(total).append(" samples)\n\n");
			out.append(("JIT compilation during the window: %.0f ms in %d compilations (those of 100 ms or more: the"
					+ " profile settings' threshold); garbage collection: %.0f ms in %d collections.\n\n")
				.formatted(compiled.get(w)[1], (int) compiled.get(w)[0], collected.get(w)[1],
						(int) collected.get(w)[0]));
			if (total == 0) {
				continue;
			}
			out.append("| library (nearest non-JDK frame) | share |\n| --- | --- |\n");
			top(byLibrary.get(w), 10).forEach((name, count) -> out.append("| `")
				.append(name)
				.append("` | ")
				.append(percent(count, total))
				.append(" |\n"));
			out.append("\nHottest methods (top of stack): ");
			List<String> hottest = new ArrayList<>();
			top(byMethod.get(w), 6).forEach((name, count) -> hottest.add("`" + name + "` " + percent(count, total)));
			out.append(String.join(", ", hottest)).append(".\n");
		}
		return out.toString();
	}

	/**
	 * The most heap the product used over the whole run: the largest {@code heapUsed} of
	 * the recorder's heap summaries taken just before a collection, where the heap is at
	 * its fullest (a scrape every few seconds would miss most peaks); -1 without a
	 * recording.
	 */
	static long peakHeapBeforeGc(Path recording) throws IOException {
		if (!Files.exists(recording)) {
			return -1;
		}
		long peak = -1;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if ("jdk.GCHeapSummary".equals(event.getEventType().getName())
						&& "Before GC".equals(event.getString("when"))) {
					peak = Math.max(peak, event.getLong("heapUsed"));
				}
			}
		}
		return peak;
	}

	/** How long an event with a duration lasted within the window, in milliseconds. */
	private static double overlapMillis(RecordedEvent event, Window w) {
		Instant from = event.getStartTime().isAfter(w.start()) ? event.getStartTime() : w.start();
		Instant to = event.getEndTime().isBefore(w.end()) ? event.getEndTime() : w.end();
		return to.isAfter(from) ? java.time.Duration.between(from, to).toNanos() / 1e6 : 0;
	}

	private static String library(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			RecordedMethod method = frame.getMethod();
			if (method == null || method.getType() == null) {
				continue;
			}
			String type = method.getType().getName();
			if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
					|| type.startsWith("javax.") || type.startsWith("com.sun.")) {
				continue;
			}
			String[] parts = type.split("\\.");
			return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
		}
		return "JDK only (GC, JIT, I/O threads)";
	}

	private static String name(RecordedMethod method) {
		if (method == null || method.getType() == null) {
			return "?";
		}
		String type = method.getType().getName();
		return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
	}

	private static Map<String, Integer> top(Map<String, Integer> counts, int n) {
		Map<String, Integer> top = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(n)
			.forEach((e) -> top.put(e.getKey(), e.getValue()));
		return top;
	}

	private static String percent(int count, int total) {
		return "%.1f%%".formatted(100.0 * count / total);
	}

}
