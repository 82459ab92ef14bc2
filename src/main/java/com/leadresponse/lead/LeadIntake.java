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

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import com.leadresponse.lead.IdempotencyRepository.StoredAnswer;
import com.leadresponse.sequence.ExpirySettings;
import com.leadresponse.sequence.InstantResponse;
import com.leadresponse.sequence.SequenceLead;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.settings.StaffAccounts;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes in leads (SPEC 3, 5.1, 5.11, 8): from lead sources through the API, from staff by
 * hand, from unknown numbers that text in, and from callers. One open lead per phone; the
 * lead, its owner (the next in turn of the staff who take new leads, SPEC 11), its
 * idempotency record and its {@link InstantResponse} commit together, in one transaction,
 * and the listeners of {@link LeadEvents.LeadCreated} run inside it too.
 */
@Service
public class LeadIntake {

	/** The {@code source} of a lead created by a phone call (SPEC 8). */
	public static final String CALL_SOURCE = "call";

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

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

	private final Clock clock;

	LeadIntake(LeadRepository leads, IdempotencyRepository idempotency, BusinessSettings business,
			IntakeSettings intakeSettings, ExpirySettings expiry, InstantResponse instantResponse, StaffAccounts staff,
			ApplicationEventPublisher events, Clock clock) {
		this.staff = staff;
		this.leads = leads;
		this.idempotency = idempotency;
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
	 */
	@Transactional
	public IntakeResult intake(IntakeRequest request, String client, String idempotencyKey) {
		String phone = PhoneNumbers.toSmsCapableE164(request.phone(), this.business.country())
			.orElseThrow(InvalidLeadException::invalidPhone);
		requireTextedCountry(phone);
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
		IntakeResult result = createOrFind(request, phone, LeadStatus.NEW, SequenceStart.INSTANT_RESPONSE, now);
		if (idempotencyKey != null) {
			this.idempotency.recordAnswer(client, idempotencyKey, result.lead().id(), result.created() ? 201 : 200);
		}
		return result;
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
		return createOrFind(request, phone, LeadStatus.REPLIED, SequenceStart.NONE, this.clock.instant());
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
		return createOrFind(request, phone, LeadStatus.NEW, SequenceStart.AFTER_FIRST_CONTACT, this.clock.instant());
	}

	private IntakeResult createOrFind(IntakeRequest request, String phone, LeadStatus status, SequenceStart sequence,
			Instant now) {
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
			this.events.publishEvent(new LeadEvents.LeadCreated(lead));
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
	private void requireTextedCountry(String e164) {
		List<String> allowed = this.intakeSettings.allowedCountries();
		String region;
		try {
			region = PHONES.getRegionCodeForNumber(PHONES.parse(e164, null));
		}
		catch (NumberParseException ex) {
			throw InvalidLeadException.invalidPhone();
		}
		if (region == null || !allowed.contains(region)) {
			throw InvalidLeadException.countryNotTexted(region, allowed);
		}
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

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
