package com.leadresponse.sequence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.leadresponse.audit.AuditLog;
import com.leadresponse.sms.MessageTemplates;
import com.leadresponse.sms.OutboundMessages;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Edits the follow-up sequence (SPEC 5.2, 6): the steps staff see, saved as a whole, and
 * each step's text as a sample lead would get it.
 */
@Service
public class SequenceEditor {

	/** The longest a step may wait after the previous one. */
	public static final Duration MAX_DELAY = Duration.ofDays(365);

	/** A step is one text: at most what Twilio takes. */
	public static final int MAX_TEMPLATE = OutboundMessages.MAX_BODY;

	/** The lead previews are written for. */
	static final String SAMPLE_NAME = "Maria Lopez";

	private final SequenceRepository sequences;

	private final AuditLog audit;

	SequenceEditor(SequenceRepository sequences, AuditLog audit) {
		this.sequences = sequences;
		this.audit = audit;
	}

	public List<SequenceStep> steps() {
		return this.sequences.steps();
	}

	/**
	 * Replaces the sequence in one transaction, so a sweep reads either the old steps or
	 * the new ones. Steps are numbered in the order given; the first is the instant
	 * response, sent when the lead arrives, so its delay is zero. Leads already past the
	 * last step have finished their sequence.
	 */
	@Transactional
	public void save(List<SequenceStep> steps) {
		if (steps.isEmpty()) {
			throw new IllegalArgumentException("A sequence needs at least its first step");
		}
		List<SequenceStep> numbered = new ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			SequenceStep step = steps.get(i);
			if (step.template() == null || step.template().isBlank() || step.template().length() > MAX_TEMPLATE) {
				throw new IllegalArgumentException("Step " + (i + 1) + " needs a text of 1 to 1600 characters");
			}
			Set<String> unknown = MessageTemplates.unknownFields(step.template(), MessageTemplates.LEAD_FIELDS);
			if (!unknown.isEmpty()) {
				throw new IllegalArgumentException(
						"Step " + (i + 1) + ": " + MessageTemplates.unknownFieldsProblem(unknown));
			}
			if (step.delay().isNegative() || step.delay().compareTo(MAX_DELAY) > 0) {
				throw new IllegalArgumentException("Step " + (i + 1) + " must wait between 0 and 365 days");
			}
			numbered.add(new SequenceStep(i + 1, (i == 0) ? Duration.ZERO : step.delay(), step.template().strip()));
		}
		List<SequenceStep> before = this.sequences.steps();
		this.sequences.replaceSteps(numbered);
		if (!before.equals(numbered)) {
			// SPEC 11: the sequence is part of the settings; its texts are what changed.
			this.audit.record("sequence.changed", "settings",
					Map.of("from", describe(before), "to", describe(numbered)));
		}
	}

	private static List<String> describe(List<SequenceStep> steps) {
		return steps.stream().map((s) -> "+" + s.delay().toMinutes() + " min: " + s.template()).toList();
	}

	/** A step's text as the sample lead would get it, merge fields filled. */
	public static String preview(String template, String businessName) {
		Map<String, String> values = MessageTemplates.leadValues(SAMPLE_NAME, "website", businessName);
		return MessageTemplates.render((template != null) ? template : "", values);
	}

}
