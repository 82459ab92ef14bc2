package com.leadresponse.lead;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import com.leadresponse.lead.IdempotencyRepository.StoredAnswer;
import com.leadresponse.sequence.ExpirySettings;
import com.leadresponse.sequence.InstantResponse;
import com.leadresponse.sequence.SequenceLead;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.settings.StaffAccounts;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes in leads (SPEC 3, 5.1, 5.11, 8): from lead sources through the API, from staff by
 * hand, from unknown numbers that text in, and from callers. One open lead per phone; the
 * lead, its owner (the next in turn of the staff who take new leads, SPEC 11), its
 * idempotency record and its {@link InstantResponse} commit together, in one transaction,
 * and the listeners of {@link LeadEvents.LeadCreated} run inside it too. What the lead
 * sources' connectors hand in comes through {@link SourceSubmissionIntake}, whose leads
 * this class makes by the same rule.
 */
@Service
public class LeadIntake {

	/** The {@code lead_submissions.source} of the intake API's submissions (SPEC 9). */
	public static final String API_SOURCE = "api";

	/** The {@code lead_submissions.source} of leads staff enter by hand. */
	public static final String STAFF_SOURCE = "staff";

	/** The {@code source} of a lead created by a phone call (SPEC 8). */
	public static final String CALL_SOURCE = "call";

	/**
	 * The answer to an intake: the lead, and whether this request created it (201) or
	 * found it (200).
	 */
	public record IntakeResult(Lead lead, boolean created) {
	}

	/** How a new lead's sequence starts. */
	private enum SequenceStart {

		/** With the instant response, in the intake's transaction (SPEC 5.1). */
		INSTANT_RESPONSE,
		/**
		 * Waiting for its first contact, which a call decides: a missed-call text or an
		 * answered call takes the first step's place (SPEC 8).
		 */
		AFTER_FIRST_CONTACT,
		/** Never: the lead wrote first (SPEC 5.11). */
		NONE

	}

	private final LeadRepository leads;

	private final IdempotencyRepository idempotency;

	private final BusinessSettings business;

	private final IntakeSettings intakeSettings;

	private final ExpirySettings expiry;

	private final InstantResponse instantResponse;

	private final StaffAccounts staff;

	private final ApplicationEventPublisher events;

	private final SubmissionRepository submissions;

	private final JsonMapper json;

	private final Clock clock;

	LeadIntake(LeadRepository leads, IdempotencyRepository idempotency, BusinessSettings business,
			IntakeSettings intakeSettings, ExpirySettings expiry, InstantResponse instantResponse, StaffAccounts staff,
			ApplicationEventPublisher events, SubmissionRepository submissions, JsonMapper json, Clock clock) {
		this.json = json;
		this.staff = staff;
		this.leads = leads;
		this.idempotency = idempotency;
		this.submissions = submissions;
		this.business = business;
		this.intakeSettings = intakeSettings;
		this.expiry = expiry;
		this.instantResponse = instantResponse;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Stores a new lead and starts its sequence, or finds the open lead with the same
	 * phone. Only numbers of the countries the business texts become leads.
	 * @param client who is posting (an API key id), the scope of {@code idempotencyKey}
	 * @param idempotencyKey optional; a repeat of the same request returns the first
	 * answer and changes nothing, another request with it is refused with 422
	 * @param payload the body as received (JSON), stored as the lead's submission (SPEC
	 * 9, source {@value #API_SOURCE}); a request with an {@code externalId} this API was
	 * sent before is a replay: it answers the first submission's lead and changes nothing
	 */
	@Transactional
	public IntakeResult intake(IntakeRequest request, String client, String idempotencyKey, String payload) {
		return intake(request, client, idempotencyKey, API_SOURCE, (payload != null) ? payload : fieldsJson(request));
	}

	/**
	 * A lead a staff member entered by hand (a phone call to the office): as the intake
	 * API takes it, its submission's source {@value #STAFF_SOURCE}.
	 */
	@Transactional
	public IntakeResult byStaff(IntakeRequest request, UUID staffId) {
		return intake(request, "staff:" + staffId, null, STAFF_SOURCE, fieldsJson(request));
	}

	/** The fields of a request that came as a form, as the JSON its submission keeps. */
	private String fieldsJson(IntakeRequest request) {
		tools.jackson.databind.node.ObjectNode fields = this.json.createObjectNode();
		fields.put("name", request.name());
		fields.put("phone", request.phone());
		if (request.email() != null) {
			fields.put("email", request.email());
		}
		if (request.source() != null) {
			fields.put("source", request.source());
		}
		if (request.message() != null) {
			fields.put("message", request.message());
		}
		if (request.externalId() != null) {
			fields.put("externalId", request.externalId());
		}
		return this.json.writeValueAsString(fields);
	}

	private IntakeResult intake(IntakeRequest request, String client, String idempotencyKey, String submissionSource,
			String payload) {
		String phone = textablePhone(request.phone());
		Instant now = this.clock.instant();
		if (idempotencyKey != null) {
			String fingerprint = fingerprint(request);
			Optional<StoredAnswer> earlier = this.idempotency.claimOrFind(client, idempotencyKey, fingerprint, now);
			if (earlier.isPresent()) {
				if (!earlier.get().sameRequest(fingerprint)) {
					throw IdempotencyKeyReusedException.withDifferentRequest();
				}
				Lead lead = this.leads.findById(earlier.get().leadId()).orElseThrow();
				return new IntakeResult(lead, earlier.get().status() == 201);
			}
		}
		String externalId = blankToNull(request.externalId());
		UUID submissionId = UUID.randomUUID();
		if (!this.submissions.claim(new SubmissionRepository.NewSubmission(
				submissionId, submissionSource, externalId, payload, new LeadSubmission.Fields(request.name(),
						request.phone(), request.email(), request.message(), List.of()),
				SubmissionOutcome.ATTACHED, now))) {
			return replayedIntake(submissionSource, externalId);
		}
		IntakeResult result = createOrFind(request, phone, LeadStatus.NEW, SequenceStart.INSTANT_RESPONSE, true, now);
		this.submissions.settle(submissionId, result.lead().id(),
				result.created() ? SubmissionOutcome.CREATED : SubmissionOutcome.ATTACHED);
		if (idempotencyKey != null) {
			this.idempotency.recordAnswer(client, idempotencyKey, result.lead().id(), result.created() ? 201 : 200);
		}
		return result;
	}

	/**
	 * A lead from a source of the business's own (SPEC 9: the hosted web form, a CSV
	 * import), with the same guarantees as {@link #intake}: one open lead per phone, only
	 * the countries the business texts, and its submission stored (source: the form's
	 * name, or the import's) with the fields it was given. The sequence starts with the
	 * instant response only when {@code startSequence} (the person ticked the SMS consent
	 * box, the admin asked for it on an import); otherwise the lead waits for staff.
	 * {@code announce} false keeps staff alerts and push quiet (a bulk import is no news
	 * to the admin who ran it).
	 * @throws InvalidLeadException when the phone is not a textable number
	 */
	@Transactional
	public IntakeResult intakeFromOwnSource(IntakeRequest request, boolean startSequence, boolean announce) {
		String phone = textablePhone(request.phone());
		Instant now = this.clock.instant();
		UUID submissionId = UUID.randomUUID();
		this.submissions.claim(new SubmissionRepository.NewSubmission(
				submissionId, request.source(), null, fieldsJson(request), new LeadSubmission.Fields(request.name(),
						request.phone(), request.email(), request.message(), List.of()),
				SubmissionOutcome.ATTACHED, now));
		IntakeResult result = createOrFind(request, phone, LeadStatus.NEW,
				startSequence ? SequenceStart.INSTANT_RESPONSE : SequenceStart.NONE, announce, now);
		this.submissions.settle(submissionId, result.lead().id(),
				result.created() ? SubmissionOutcome.CREATED : SubmissionOutcome.ATTACHED);
		return result;
	}

	/**
	 * The phone in E.164 when it is an SMS-capable number of a country the business texts
	 * (SPEC 3).
	 */
	private String textablePhone(String typed) {
		PhoneNumbers.SmsNumber phone = PhoneNumbers.toSmsCapable(typed, this.business.country())
			.orElseThrow(InvalidLeadException::invalidPhone);
		if (!textedRegion(phone.region())) {
			throw InvalidLeadException.countryNotTexted(phone.region(), this.intakeSettings.allowedCountries());
		}
		return phone.e164();
	}

	/**
	 * The lead an inbound SMS belongs to: the open lead with that phone, else the latest
	 * one, else a new lead (source {@code sms}, status {@code replied}, no sequence), so
	 * nothing inbound is dropped.
	 */
	@Transactional
	public IntakeResult forInboundSms(String phone) {
		Optional<Lead> open = this.leads.findOpenByPhone(phone);
		if (open.isPresent()) {
			return new IntakeResult(open.get(), false);
		}
		Optional<Lead> latest = this.leads.findLatestByPhone(phone);
		if (latest.isPresent()) {
			return new IntakeResult(latest.get(), false);
		}
		IntakeRequest request = new IntakeRequest(phone, phone, null, "sms", null, null);
		return createOrFind(request, phone, LeadStatus.REPLIED, SequenceStart.NONE, true, this.clock.instant());
	}

	/**
	 * The lead a phone call belongs to (SPEC 8): the caller's open lead, else a new lead
	 * (source {@code call}, status {@code new}) whose sequence waits for the call's
	 * outcome: no instant response is sent while the phones ring.
	 */
	@Transactional
	public IntakeResult forCall(String phone) {
		Optional<Lead> open = this.leads.findOpenByPhone(phone);
		if (open.isPresent()) {
			return new IntakeResult(open.get(), false);
		}
		IntakeRequest request = new IntakeRequest(phone, phone, null, CALL_SOURCE, null, null);
		return createOrFind(request, phone, LeadStatus.NEW, SequenceStart.AFTER_FIRST_CONTACT, true,
				this.clock.instant());
	}

	/**
	 * The lead of a lead source's submission ({@link SourceSubmissionIntake}): a new lead
	 * whose sequence starts with the instant response, or the open lead with the same
	 * phone. Always inside the submission's transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	IntakeResult forSubmission(IntakeRequest request, String phone, Instant now) {
		return createOrFind(request, phone, LeadStatus.NEW, SequenceStart.INSTANT_RESPONSE, true, now);
	}

	/**
	 * The intake API's answer to a replayed {@code externalId}: the first lead, found.
	 */
	private IntakeResult replayedIntake(String submissionSource, String externalId) {
		UUID leadId = this.submissions.find(submissionSource, externalId)
			.map(SubmissionRepository.StoredSubmission::leadId)
			.orElseThrow();
		return new IntakeResult(this.leads.findById(leadId).orElseThrow(), false);
	}

	private IntakeResult createOrFind(IntakeRequest request, String phone, LeadStatus status, SequenceStart sequence,
			boolean announce, Instant now) {
		UUID id = UUID.randomUUID();
		boolean instantResponse = sequence == SequenceStart.INSTANT_RESPONSE;
		LeadRepository.NewLead newLead = new LeadRepository.NewLead(id, request.name().trim(), phone,
				blankToNull(request.email()), blankToNull(request.source()), blankToNull(request.message()),
				blankToNull(request.externalId()), status, now, instantResponse ? now : null,
				(sequence != SequenceStart.NONE) ? now.plus(this.expiry.current().period()) : null);
		Optional<Lead> created = this.leads.insertIfNoOpenLead(newLead);
		if (created.isPresent()) {
			Lead lead = this.staff.nextOwnerOfANewLead()
				.map((owner) -> this.leads.assign(id, owner))
				.orElse(created.get());
			if (instantResponse) {
				this.instantResponse.send(new SequenceLead(lead.id(), lead.name(), lead.phone(), lead.source(),
						lead.sequenceStep(), lead.sequenceExpiresAt()));
			}
			this.events.publishEvent(new LeadEvents.LeadCreated(lead, announce));
			// Read again: the instant response moved the sequence and counters.
			return new IntakeResult(instantResponse ? this.leads.findById(id).orElseThrow() : lead, true);
		}
		// The open lead with this phone answers instead: no second lead, no second
		// instant response.
		return this.leads.findOpenByPhone(phone)
			.map((existing) -> new IntakeResult(existing, false))
			.orElseThrow(() -> new IllegalStateException("Open lead for " + phone + " closed during intake; retry"));
	}

	/**
	 * SPEC 3 {@code allowedCountries}: a number of another country is refused, so a lead
	 * source cannot make the business text premium or far-away numbers (SMS pumping).
	 */
	boolean textedRegion(String region) {
		return region != null && this.intakeSettings.allowedCountries().contains(region);
	}

	/**
	 * What makes two intake requests the same request for an {@code Idempotency-Key}:
	 * their fields, whether they came as JSON or as a form.
	 */
	static String fingerprint(IntakeRequest request) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (String field : Arrays.asList(request.name(), request.phone(), request.email(), request.source(),
					request.message(), request.externalId())) {
				// Length-prefixed, and a missing field differs from an empty one.
				digest.update(((field != null) ? field.length() + ":" + field : "-").getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
