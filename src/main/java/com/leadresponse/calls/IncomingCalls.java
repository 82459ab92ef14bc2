package com.leadresponse.calls;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadIntake;
import com.leadresponse.lead.LeadActivity;
import com.leadresponse.lead.Leads;
import com.leadresponse.lead.PhoneNumbers;
import com.leadresponse.sequence.Sequences;
import com.leadresponse.settings.BusinessHours;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.sms.MessageTemplates;
import com.leadresponse.webhook.WebhookDeduplicator;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A call to the business, webhook by webhook (SPEC 8): it arrives (the caller is found or
 * made a lead, the call is stored, the staff phones ring, or it goes straight to
 * voicemail), its {@code <Dial>} ends answered or missed, its voicemail is recorded. Each
 * webhook is claimed once ({@link WebhookDeduplicator}) in the transaction of all its
 * effects; a repeated copy changes nothing and is answered as the call now stands. A miss
 * queues the missed-call text ({@link MissedCallText}) and alerts the staff, in the same
 * transaction.
 */
@Component
class IncomingCalls {

	/** The longest caller ID kept ({@code calls.from_phone}). */
	private static final int MAX_CALLER_ID = 40;

	private final WebhookDeduplicator deduplicator;

	private final CallRepository calls;

	private final LeadIntake intake;

	private final Leads leads;

	private final LeadActivity activity;

	private final Sequences sequences;

	private final CallSettings settings;

	private final BusinessSettings business;

	private final BusinessHours hours;

	private final SchedulerClient scheduler;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	IncomingCalls(WebhookDeduplicator deduplicator, CallRepository calls, LeadIntake intake, Leads leads,
			LeadActivity activity, Sequences sequences, CallSettings settings, BusinessSettings business,
			BusinessHours hours, SchedulerClient scheduler, ApplicationEventPublisher events, Clock clock) {
		this.deduplicator = deduplicator;
		this.calls = calls;
		this.intake = intake;
		this.leads = leads;
		this.activity = activity;
		this.sequences = sequences;
		this.settings = settings;
		this.business = business;
		this.hours = hours;
		this.scheduler = scheduler;
		this.events = events;
		this.clock = clock;
	}

	/** Who called: the lead of a caller with caller ID, none for a withheld number. */
	private record Caller(Lead lead, String phone) {

		UUID leadId() {
			return (this.lead != null) ? this.lead.id() : null;
		}

	}

	/**
	 * The voice webhook: a call came in. Rings the staff phones while the business is
	 * open; with no phone to ring, the call is missed at once and goes to voicemail.
	 */
	@Transactional
	VoiceAnswer arrived(Map<String, String> params) {
		String sid = params.get("CallSid");
		if (!this.deduplicator.claim(sid, WebhookDeduplicator.VOICE)) {
			return this.calls.findBySid(sid).map(this::answerFor).orElseGet(this::voicemailOrHangUp);
		}
		Instant now = this.clock.instant();
		Caller caller = caller(params);
		Call call = this.calls.findOrInsert(sid, caller.leadId(), caller.phone(), params.get("To"), CallStatus.RINGING,
				now);
		if (call.status() != CallStatus.RINGING) {
			return answerFor(call);
		}
		if (ringsStaff(now)) {
			CallSettings.Ringing ringing = this.settings.ringing();
			return new VoiceAnswer.Ring(ringing.phones(), ringing.seconds());
		}
		this.calls.end(sid, CallStatus.MISSED, null, null, now).ifPresent((missed) -> missed(missed, caller.lead()));
		return voicemailOrHangUp();
	}

	/**
	 * Whether a call arriving {@code at} rings the staff: there are phones to ring and
	 * the business is open (SPEC 11); otherwise it goes straight to voicemail.
	 */
	boolean ringsStaff(Instant at) {
		return !this.settings.ringing().phones().isEmpty() && this.hours.openAt(at);
	}

	/**
	 * The {@code <Dial>} action: the staff phones stopped ringing. Answered, the lead is
	 * contacted and its sequence paused (a person took over); missed, the caller hears
	 * the voicemail greeting and the missed-call text is queued. A dial-status of a call
	 * never seen is stored on a new call record.
	 */
	@Transactional
	VoiceAnswer dialEnded(Map<String, String> params) {
		String sid = params.get("CallSid");
		String dialStatus = params.get("DialCallStatus");
		CallStatus outcome = outcomeOf(dialStatus);
		if (!this.deduplicator.claim(sid + ":" + dialStatus, WebhookDeduplicator.DIAL)) {
			return this.calls.findBySid(sid).map(this::answerFor).orElseGet(this::voicemailOrHangUp);
		}
		Instant now = this.clock.instant();
		if (this.calls.findBySid(sid).isEmpty()) {
			Caller caller = caller(params);
			this.calls.findOrInsert(sid, caller.leadId(), caller.phone(), params.get("To"), CallStatus.RINGING, now);
		}
		Optional<Call> ended = this.calls.end(sid, outcome, dialStatus, seconds(params.get("DialCallDuration")), now);
		if (ended.isEmpty()) {
			return this.calls.findBySid(sid).map(this::answerFor).orElseGet(this::voicemailOrHangUp);
		}
		Call call = ended.get();
		Lead lead = (call.leadId() != null) ? this.leads.get(call.leadId()) : null;
		if (outcome == CallStatus.ANSWERED) {
			if (lead != null) {
				this.activity.recordCall(lead.id(), true);
				if (!this.sequences.startAfterFirstContact(lead.id(), true)) {
					this.sequences.pause(lead.id());
				}
			}
			return new VoiceAnswer.HangUp();
		}
		missed(call, lead);
		return voicemailOrHangUp();
	}

	/**
	 * The recording status callback: a voicemail was recorded. A recording of a call
	 * never seen is kept on a new call record (its caller unknown) rather than dropped.
	 */
	@Transactional
	void voicemailRecorded(Map<String, String> params) {
		if (!this.deduplicator.claim(params.get("RecordingSid"), WebhookDeduplicator.RECORDING)) {
			return;
		}
		// "failed" or "absent" (the caller left no sound): there is nothing to play.
		if (!"completed".equals(params.get("RecordingStatus"))) {
			return;
		}
		String sid = params.get("CallSid");
		this.calls.findOrInsert(sid, null, null, null, CallStatus.MISSED, this.clock.instant());
		this.calls.storeRecording(sid, params.get("RecordingSid"), params.get("RecordingUrl"),
				seconds(params.get("RecordingDuration")));
	}

	/**
	 * SPEC 8: a missed call's text waits for the grace delay, as a background task due
	 * then, scheduled in this transaction; the staff are alerted.
	 */
	private void missed(Call call, Lead lead) {
		if (lead != null) {
			Instant dueAt = this.clock.instant().plus(this.settings.missedText().delay());
			this.calls.textPending(call.id(), dueAt);
			this.scheduler.schedule(
					MissedCallText.TASK.instance(call.id().toString()).data(call.id().toString()).scheduledTo(dueAt));
		}
		this.events.publishEvent(new CallEvents.CallMissed(lead, call));
	}

	/**
	 * The caller's lead, found or created; a withheld or unreadable caller ID has none
	 * (every anonymous caller would otherwise share one lead).
	 */
	private Caller caller(Map<String, String> params) {
		String from = params.get("From");
		Optional<String> phone = PhoneNumbers.toValidE164(from, this.business.country());
		if (phone.isEmpty()) {
			String callerId = (from != null) ? from.strip() : null;
			return new Caller(null, (callerId != null && callerId.length() > MAX_CALLER_ID)
					? callerId.substring(0, MAX_CALLER_ID) : callerId);
		}
		Lead lead = this.intake.forCall(phone.get()).lead();
		this.activity.recordCall(lead.id(), false);
		return new Caller(lead, phone.get());
	}

	/** A repeated webhook is answered as the call now stands. */
	private VoiceAnswer answerFor(Call call) {
		return switch (call.status()) {
			case RINGING -> {
				CallSettings.Ringing ringing = this.settings.ringing();
				yield ringing.phones().isEmpty() ? voicemailOrHangUp()
						: new VoiceAnswer.Ring(ringing.phones(), ringing.seconds());
			}
			case MISSED -> voicemailOrHangUp();
			case ANSWERED -> new VoiceAnswer.HangUp();
		};
	}

	private VoiceAnswer voicemailOrHangUp() {
		CallSettings.Voicemail voicemail = this.settings.voicemail();
		if (!voicemail.enabled()) {
			return new VoiceAnswer.HangUp();
		}
		return new VoiceAnswer.TakeVoicemail(
				MessageTemplates.render(voicemail.greeting(), Map.of("businessName", this.business.profile().name())));
	}

	/**
	 * Twilio's {@code DialCallStatus}: {@code completed} and {@code answered} reached a
	 * staff phone; {@code no-answer}, {@code busy}, {@code failed} and {@code canceled}
	 * (the caller hung up while it rang) did not.
	 */
	static CallStatus outcomeOf(String dialStatus) {
		return switch (dialStatus) {
			case "completed", "answered" -> CallStatus.ANSWERED;
			case "no-answer", "busy", "failed", "canceled" -> CallStatus.MISSED;
			default -> throw UnknownDialStatusException.notTwilios();
		};
	}

	private static Integer seconds(String value) {
		if (value == null || !value.matches("[0-9]{1,9}")) {
			return null;
		}
		return Integer.valueOf(value);
	}

}
