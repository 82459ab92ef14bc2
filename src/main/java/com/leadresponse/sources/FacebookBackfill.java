package com.leadresponse.sources;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.leadresponse.lead.LeadSubmission;
import com.leadresponse.lead.SourceSubmissionIntake;
import com.leadresponse.lead.SubmissionResult;
import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Meta's share of the periodic pass (SPEC 9: a lead is never lost): every
 * {@code facebook.backfill-interval} (1 hour) each form a webhook came for is read back
 * from the Graph API, its leads created since the last read-back (and never before the
 * form's first webhook here, so a new installation does not text the form's older leads).
 * A lead the webhook brought is a replay of its submission and changes nothing; a lead
 * whose webhook never came (the service down for longer than Meta retries) becomes a lead
 * as if it had. One instance reads a form at a time ({@code FacebookForms.claimDue}); a
 * read that fails is noted on the form and tried again at its next turn, from where the
 * last one that succeeded ended.
 */
@Component
@Order(95)
class FacebookBackfill implements PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(FacebookBackfill.class);

	static final String FIGURE = "Meta leads read back";

	/** Forms read back in one pass at most; the rest are due at the next. */
	private static final int FORMS_PER_PASS = 20;

	/** Pages of one form in one read-back at most (5,000 leads). */
	private static final int PAGES = 50;

	/**
	 * Read back a little before the last read-back ended: a lead is dated by Meta's
	 * clock, the read-back by this one.
	 */
	private static final Duration OVERLAP = Duration.ofMinutes(10);

	/** Graph's {@code created_time}: {@code 2015-02-28T08:49:14+0000}. */
	private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

	private final FacebookForms forms;

	private final GraphApi graph;

	/** Looked up when the pass runs, as {@link FacebookLeadRead} does. */
	private final ObjectProvider<SourceSubmissionIntake> intake;

	private final FacebookProperties properties;

	private final Clock clock;

	FacebookBackfill(FacebookForms forms, GraphApi graph, ObjectProvider<SourceSubmissionIntake> intake,
			FacebookProperties properties, Clock clock) {
		this.forms = forms;
		this.graph = graph;
		this.intake = intake;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void run(PassReport report) {
		if (!this.properties.canRead()) {
			return;
		}
		int read = 0;
		for (int i = 0; i < FORMS_PER_PASS; i++) {
			Instant now = this.clock.instant();
			Optional<FacebookForms.DueForm> due = this.forms.claimDue(now,
					now.plus(this.properties.backfillInterval()));
			if (due.isEmpty()) {
				break;
			}
			read += readBack(due.get());
		}
		report.count(FIGURE, read);
	}

	/** One form's read-back: how many of its leads were new here. */
	private int readBack(FacebookForms.DueForm form) {
		Instant started = this.clock.instant();
		Instant since = form.readUntil().minus(OVERLAP);
		if (since.isBefore(form.firstSeenAt())) {
			since = form.firstSeenAt();
		}
		int created = 0;
		String after = null;
		for (int page = 0; page < PAGES; page++) {
			GraphApi.Answer answer = this.graph.formLeads(form.formId(), since, after);
			if (answer instanceof GraphApi.Answer.Failed failed) {
				this.forms.failed(form.formId(), failed.reason());
				log.warn("Could not read back Meta form {}: {}", form.formId(), failed.reason());
				return created;
			}
			GraphApi.Answer.Page leads = (GraphApi.Answer.Page) answer;
			for (GraphApi.Answer.Lead lead : leads.leads()) {
				if (createdBefore(lead, form.firstSeenAt())) {
					continue;
				}
				SubmissionResult result = this.intake.getObject()
					.submit(new LeadSubmission(FacebookConnector.NAME, Payloads.text(lead.json(), "id"), lead.body(),
							FacebookConnector.fields(lead.json()), false));
				if (!(result instanceof SubmissionResult.Replayed)) {
					created++;
				}
			}
			after = leads.after();
			if (after == null) {
				this.forms.readUntil(form.formId(), started, this.clock.instant());
				if (created > 0) {
					log.info("Read back {} Meta leads of form {} that no webhook brought", created, form.formId());
				}
				return created;
			}
		}
		this.forms.failed(form.formId(),
				"More than " + PAGES * GraphApi.PAGE_SIZE + " leads to read back; the rest at the next turn");
		return created;
	}

	/**
	 * Whether Graph dates the lead before the form was first seen here (Graph filters by
	 * the same time; this holds even if a page did not).
	 */
	private static boolean createdBefore(GraphApi.Answer.Lead lead, Instant firstSeen) {
		String created = Payloads.text(lead.json(), "created_time");
		if (created == null) {
			return false;
		}
		try {
			return OffsetDateTime.parse(created, GRAPH_TIME).toInstant().isBefore(firstSeen);
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

}
