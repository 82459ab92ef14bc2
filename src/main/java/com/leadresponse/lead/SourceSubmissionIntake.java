package com.leadresponse.lead;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.lead.LeadIntake.IntakeResult;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.sms.Conversation;
import com.leadresponse.sms.OptOuts;
import com.leadresponse.system.ControlCharacters;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a lead source hands in (SPEC 9) becomes a lead, joins the open lead with the same
 * phone, or is kept for staff without a lead: the one way the marketplaces' connectors
 * (Angi, Thumbtack, Meta, Google Ads) hand in a submission. The business's own sources
 * (the hosted web form, a CSV import) come through
 * {@link LeadIntake#intakeFromOwnSource}, which refuses what cannot be texted instead.
 * Each submission is stored in {@code lead_submissions} with its payload; the lead itself
 * is made by {@link LeadIntake}'s one rule of one open lead per phone, in the
 * submission's transaction.
 */
@Service
public class SourceSubmissionIntake {

	private final LeadIntake intake;

	private final SubmissionRepository submissions;

	private final LeadRepository leadRecords;

	private final LeadActivity leads;

	private final Conversation conversation;

	private final BusinessSettings business;

	private final Clock clock;

	SourceSubmissionIntake(LeadIntake intake, SubmissionRepository submissions, LeadRepository leadRecords,
			LeadActivity leads, Conversation conversation, BusinessSettings business, Clock clock) {
		this.intake = intake;
		this.submissions = submissions;
		this.leadRecords = leadRecords;
		this.leads = leads;
		this.conversation = conversation;
		this.business = business;
		this.clock = clock;
	}

	/**
	 * A lead source's submission (SPEC 9), the one way the connectors hand in a lead:
	 * stored in {@code lead_submissions} with its payload, then made a lead, or attached
	 * to the open lead with the same phone (no second lead, no second instant response,
	 * the lead keeps its first source). A replay of the same source and external ID
	 * changes nothing. A submission that cannot be texted (no usable phone, a country not
	 * in {@code allowedCountries}, a source's test lead) is kept for staff without a
	 * lead, never refused: the source would only retry it or drop it.
	 */
	@Transactional
	public SubmissionResult submit(LeadSubmission submission) {
		Instant now = this.clock.instant();
		LeadSubmission.Fields fields = cleaned(submission.fields());
		Decision decision = decide(fields, submission.test());
		UUID id = UUID.randomUUID();
		String externalId = LeadIntake.blankToNull(submission.externalId());
		if (!this.submissions.claim(new SubmissionRepository.NewSubmission(id, submission.source(), externalId,
				submission.payload(), fields, decision.outcome(), now))) {
			SubmissionRepository.StoredSubmission first = this.submissions.find(submission.source(), externalId)
				.orElseThrow();
			return new SubmissionResult.Replayed(first.id(), first.leadId());
		}
		return settle(id, submission.source(), externalId, fields, decision, now);
	}

	/**
	 * A lead's own message in the source's conversation with the business (a customer's
	 * Thumbtack message), stored in {@code lead_submissions} under its own ID and put
	 * into the conversation of the lead its lead's submission made, on that channel: the
	 * lead replied, as by SMS (SPEC 5.3; the sequence stops, staff are told), with that
	 * lead's phone, so it joins the person's open lead as an SMS from them would. A
	 * replay of the same message changes nothing. A message whose lead has not arrived
	 * (the source's description and automatic quick reply come before their lead) is kept
	 * for staff without a lead, as before. The message's channel is the source's name
	 * (only {@code thumbtack} relays messages; {@code messages.channel} allows no other).
	 * @param leadExternalId the source's ID of the lead the message belongs to
	 * @return the lead it joined; empty for a replay or a message kept without a lead
	 */
	@Transactional
	public Optional<Lead> submitMessage(LeadSubmission message, String leadExternalId) {
		LeadSubmission.Fields fields = cleaned(message.fields());
		String externalId = LeadIntake.blankToNull(message.externalId());
		UUID id = UUID.randomUUID();
		// Claimed first: a replay reads nothing more.
		if (!this.submissions.claim(new SubmissionRepository.NewSubmission(id, message.source(), externalId,
				message.payload(), fields, SubmissionOutcome.NO_PHONE, this.clock.instant()))) {
			return Optional.empty();
		}
		Optional<String> phone = Optional.ofNullable(LeadIntake.blankToNull(leadExternalId))
			.flatMap((leadId) -> this.submissions.find(message.source(), leadId))
			.map(SubmissionRepository.StoredSubmission::leadId)
			.flatMap(this.leadRecords::findById)
			.map(Lead::phone);
		if (phone.isEmpty()) {
			return Optional.empty();
		}
		LeadIntake.IntakeResult owner = this.intake.forInboundSms(phone.get());
		this.submissions.settle(id, owner.lead().id(), SubmissionOutcome.ATTACHED);
		String body = (fields.description() != null) ? fields.description() : "";
		this.conversation.recordRelayed(owner.lead().id(), message.source(), phone.get(), body);
		this.leads.recordReply(owner.lead(), body, owner.created(), OptOuts.Keyword.NONE);
		return Optional.of(owner.lead());
	}

	/**
	 * A submission whose fields the connector reads from its source afterwards (SPEC 9,
	 * Meta's webhook carries only IDs): stored now, waiting; empty for a replay. Schedule
	 * the reading in the same transaction, so that it exists exactly when the submission
	 * does.
	 */
	@Transactional
	public Optional<UUID> awaitDetails(String source, String externalId, String payload) {
		UUID id = UUID.randomUUID();
		boolean claimed = this.submissions
			.claim(new SubmissionRepository.NewSubmission(id, source, LeadIntake.blankToNull(externalId), payload,
					LeadSubmission.Fields.NONE, SubmissionOutcome.AWAITING_DETAILS, this.clock.instant()));
		return claimed ? Optional.of(id) : Optional.empty();
	}

	/**
	 * The details of a waiting submission, read from its source: the submission becomes a
	 * lead, joins the open one, or is kept, as {@link #submit} decides; once only, so a
	 * second reading of the same submission changes nothing (empty).
	 * @param details the source's answer as received (JSON), stored beside the payload
	 */
	@Transactional
	public Optional<SubmissionResult> completeDetails(UUID submissionId, String source, String externalId,
			String details, LeadSubmission.Fields read) {
		if (this.submissions.lockAwaiting(submissionId).isEmpty()) {
			return Optional.empty();
		}
		LeadSubmission.Fields fields = cleaned(read);
		this.submissions.storeDetails(submissionId, details, fields);
		Decision decision = decide(fields, false);
		return Optional.of(settle(submissionId, source, externalId, fields, decision, this.clock.instant()));
	}

	/** What a submission will become, before it is stored. */
	private record Decision(SubmissionOutcome outcome, String phone) {
	}

	private Decision decide(LeadSubmission.Fields fields, boolean test) {
		if (test) {
			return new Decision(SubmissionOutcome.TEST, null);
		}
		Optional<PhoneNumbers.SmsNumber> phone = PhoneNumbers.toSmsCapable(fields.phone(), this.business.country());
		if (phone.isEmpty()) {
			return new Decision(SubmissionOutcome.NO_PHONE, null);
		}
		if (!this.intake.textedRegion(phone.get().region())) {
			return new Decision(SubmissionOutcome.COUNTRY_NOT_TEXTED, phone.get().e164());
		}
		// Created or attached: createOrFind decides.
		return new Decision(SubmissionOutcome.ATTACHED, phone.get().e164());
	}

	private SubmissionResult settle(UUID id, String source, String externalId, LeadSubmission.Fields fields,
			Decision decision, Instant now) {
		if (!decision.outcome().hasLead()) {
			this.submissions.settle(id, null, decision.outcome());
			return new SubmissionResult.Kept(id, decision.outcome());
		}
		String name = (fields.name() != null) ? fields.name() : decision.phone();
		IntakeRequest request = new IntakeRequest(name, decision.phone(), fields.email(), source, fields.description(),
				externalId);
		IntakeResult result = this.intake.forSubmission(request, decision.phone(), now);
		this.submissions.settle(id, result.lead().id(),
				result.created() ? SubmissionOutcome.CREATED : SubmissionOutcome.ATTACHED);
		return result.created() ? new SubmissionResult.Created(id, result.lead())
				: new SubmissionResult.Attached(id, result.lead());
	}

	private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern
		.compile("[^@\\s,<>]+@[^@\\s,<>]+\\.[^@\\s,<>]+");

	/**
	 * What a source sent, made storable rather than refused (the source cannot fix its
	 * payload, and the lead must not be lost): control characters taken out, each field
	 * cut to the intake API's limits, an e-mail that is not one left out (the payload
	 * keeps everything as it came).
	 */
	static LeadSubmission.Fields cleaned(LeadSubmission.Fields fields) {
		String email = text(fields.email(), 320);
		return new LeadSubmission.Fields(text(fields.name(), 200), text(fields.phone(), 40),
				(email != null && EMAIL.matcher(email).matches()) ? email : null, text(fields.description(), 5000),
				fields.answers()
					.stream()
					.limit(100)
					.map((a) -> new LeadSubmission.Answer(Objects.requireNonNullElse(text(a.question(), 500), ""),
							Objects.requireNonNullElse(text(a.answer(), 2000), "")))
					.filter((a) -> !a.question().isEmpty() || !a.answer().isEmpty())
					.toList());
	}

	private static String text(String value, int max) {
		if (value == null) {
			return null;
		}
		String kept = ControlCharacters.without(value).strip();
		if (kept.length() > max) {
			kept = kept.substring(0, max).strip();
		}
		return kept.isEmpty() ? null : kept;
	}

}
