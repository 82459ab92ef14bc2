package com.leadresponse.sources;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.leadresponse.jobs.Backoff;
import com.leadresponse.lead.LeadSubmissions;
import com.leadresponse.lead.SourceSubmissionIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * Reads a Meta lead's fields from the Graph API, as the background task
 * {@code facebook-lead-read} (SPEC 9): scheduled with the submission, run after the
 * webhook's answer, on any instance; a read that fails is tried again after the backoff,
 * doubled each time up to {@code FacebookProperties.maxBackoff}, for as long as it takes
 * (the token may be fixed tomorrow): the submission waits, with the last error shown to
 * staff, and is never dropped. Once read, the intake settles it once.
 */
@Component
class FacebookLeadRead {

	private static final Logger log = LoggerFactory.getLogger(FacebookLeadRead.class);

	static final TaskDescriptor<String> TASK = TaskDescriptor.of("facebook-lead-read", String.class);

	private final LeadSubmissions submissions;

	/**
	 * Looked up when the task runs: the intake reaches the sending pipeline, which
	 * schedules tasks of its own, so it cannot be built before the scheduler's tasks.
	 */
	private final ObjectProvider<SourceSubmissionIntake> intake;

	private final GraphApi graph;

	private final Backoff backoff;

	private final Duration maxBackoff;

	private final Clock clock;

	FacebookLeadRead(LeadSubmissions submissions, ObjectProvider<SourceSubmissionIntake> intake, GraphApi graph,
			FacebookProperties properties, Clock clock) {
		this.submissions = submissions;
		this.intake = intake;
		this.graph = graph;
		this.backoff = properties.backoff();
		this.maxBackoff = properties.maxBackoff();
		this.clock = clock;
	}

	@Bean
	CustomTask<String> facebookLeadReadTask() {
		// A run that throws (the database briefly away) is tried again like a failed
		// read:
		// after the backoff, capped, never given up.
		return Tasks.custom(TASK).onFailure((complete, operations) -> {
			int attempts = complete.getExecution().consecutiveFailures + 1;
			log.warn("Reading Meta lead submission {} failed (run {}); trying again",
					complete.getExecution().taskInstance.getId(), attempts);
			operations.reschedule(complete, complete.getTimeDone().plus(wait(attempts)));
		}).execute((instance, context) -> read(UUID.fromString(instance.getData())));
	}

	/** One attempt at one submission. */
	CompletionHandler<String> read(UUID submissionId) {
		Optional<LeadSubmissions.DetailAttempt> started = this.submissions.startDetailAttempt(submissionId);
		if (started.isEmpty()) {
			return done();
		}
		LeadSubmissions.DetailAttempt attempt = started.get();
		GraphApi.Answer answer = this.graph.lead(attempt.externalId());
		if (answer instanceof GraphApi.Answer.Lead lead) {
			this.intake.getObject()
				.completeDetails(submissionId, attempt.source(), attempt.externalId(), lead.body(),
						FacebookConnector.fields(lead.json()));
			return done();
		}
		String reason = ((GraphApi.Answer.Failed) answer).reason();
		this.submissions.noteDetailFailure(submissionId, reason + " (attempt " + attempt.attempts() + ")");
		log.warn("Could not read Meta lead {} (attempt {}): {}", attempt.externalId(), attempt.attempts(), reason);
		Instant next = this.clock.instant().plus(wait(attempt.attempts()));
		return (complete, operations) -> operations.reschedule(complete, next);
	}

	/** The one backoff policy, no longer apart than {@code maxBackoff}. */
	private Duration wait(int attempts) {
		Duration wait = this.backoff.delayAfter(attempts);
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

	private static CompletionHandler<String> done() {
		return (complete, operations) -> operations.remove();
	}

}
