package com.leadresponse.periodic;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * One pass of every periodic task (SPEC 3 cron), in their order: what the cron endpoint
 * runs on demand and the scheduler runs every interval. Safe on several instances at
 * once: every task claims its rows with {@code SKIP LOCKED}.
 */
@Service
public class PeriodicPass {

	private static final Logger log = LoggerFactory.getLogger(PeriodicPass.class);

	/** Metric: how long each pass took, and how many ran. */
	static final String METRIC = "periodic.pass";

	/** The answer of one pass: its counts and when it finished. */
	public record Result(PassReport report, Instant timestamp) {

		/** Follow-ups sent: the cron answer's {@code processed}. */
		public int processed() {
			return this.report.get(PassReport.FOLLOW_UPS_SENT);
		}

		/** Sequences closed as expired: the cron answer's {@code expired}. */
		public int expired() {
			return this.report.get(PassReport.SEQUENCES_EXPIRED);
		}

		/** Processed-webhook records removed: the cron answer's {@code cleaned}. */
		public int cleaned() {
			return this.report.get(PassReport.WEBHOOK_RECORDS_REMOVED);
		}

	}

	private final List<PeriodicTask> tasks;

	private final Clock clock;

	private final Timer timer;

	/** When the last pass finished on this instance, for readiness. */
	private volatile Instant lastCompletedAt;

	PeriodicPass(List<PeriodicTask> tasks, Clock clock, MeterRegistry meters) {
		this.tasks = tasks;
		this.clock = clock;
		this.timer = meters.timer(METRIC);
	}

	public Result runOnce() {
		PassReport report = new PassReport();
		this.timer.record(() -> this.tasks.forEach((task) -> task.run(report)));
		Result result = new Result(report, this.clock.instant());
		this.lastCompletedAt = result.timestamp();
		if (report.anything()) {
			log.info("Periodic pass: {}", report);
		}
		return result;
	}

	/**
	 * The frequent tasks alone, between passes; not a pass (readiness and the log count
	 * only whole passes).
	 */
	void runFrequent() {
		PassReport report = new PassReport();
		this.tasks.stream().filter(PeriodicTask::frequent).forEach((task) -> task.run(report));
	}

	/** When a pass last ran to the end on this instance; empty before the first. */
	Optional<Instant> lastCompletedAt() {
		return Optional.ofNullable(this.lastCompletedAt);
	}

}
