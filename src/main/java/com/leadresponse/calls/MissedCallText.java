package com.leadresponse.calls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.leadresponse.lead.Lead;
import com.leadresponse.lead.Leads;
import com.leadresponse.lead.PhoneNumbers;
import com.leadresponse.sequence.EndReason;
import com.leadresponse.sequence.SequenceEnd;
import com.leadresponse.sequence.Sequences;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.sms.Conversation;
import com.leadresponse.sms.MessageTemplates;
import com.leadresponse.sms.OptOuts;
import com.leadresponse.sms.OutboundMessages;
import com.leadresponse.sms.OutboundMessages.QueueResult;
import com.leadresponse.sms.QuietHours;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The missed-call text (SPEC 8), as the background task {@code missed-call-text}: queued
 * in the transaction of the miss and due at the end of the grace delay, so it goes at
 * that moment rather than at a sweep. When it runs it decides, in one transaction: not
 * sent when the lead was closed, the number cannot get texts, the caller texted in, staff
 * texted the caller or the caller was reached by phone since the miss (each recorded as
 * the reason); later while the caller is on the line again (or in quiet hours, where the
 * settings hold it); not sent when the number had its missed-call text within the window;
 * otherwise queued as an automatic text through the sending pipeline, with its rate
 * limits and consent, and sent as soon as that transaction commits. For a caller's new
 * lead it is the sequence's first step.
 */
@Component
class MissedCallText {

	/** The background task of one missed call's text; instance id and data: its id. */
	static final TaskDescriptor<String> TASK = TaskDescriptor.of("missed-call-text", String.class);

	/** Missed-call texts by what became of them: queued, blocked, cancelled. */
	static final String METRIC = "calls.missed_texts";

	/** How often a text waiting for the caller's next call to end looks again. */
	static final Duration ON_THE_LINE_RECHECK = Duration.ofSeconds(30);

	/**
	 * Twilio ends a call after four hours: a call ringing longer lost its outcome and no
	 * longer holds the text.
	 */
	static final Duration LONGEST_CALL = Duration.ofHours(4);

	private final CallRepository calls;

	private final Leads leads;

	private final Conversation conversation;

	private final OutboundMessages outbound;

	private final Sequences sequences;

	private final SequenceEnd sequenceEnd;

	private final QuietHours quietHours;

	private final CallSettings settings;

	private final BusinessSettings business;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final MeterRegistry meters;

	MissedCallText(CallRepository calls, Leads leads, Conversation conversation, OutboundMessages outbound,
			Sequences sequences, SequenceEnd sequenceEnd, QuietHours quietHours, CallSettings settings,
			BusinessSettings business, TransactionTemplate transactions, Clock clock, MeterRegistry meters) {
		this.calls = calls;
		this.leads = leads;
		this.conversation = conversation;
		this.outbound = outbound;
		this.sequences = sequences;
		this.sequenceEnd = sequenceEnd;
		this.quietHours = quietHours;
		this.settings = settings;
		this.business = business;
		this.transactions = transactions;
		this.clock = clock;
		this.meters = meters;
		for (String outcome : new String[] { "queued", "blocked", "cancelled" }) {
			meters.counter(METRIC, "outcome", outcome);
		}
	}

	/**
	 * What one run decided: the text's new status ({@code queued}, {@code blocked},
	 * {@code cancelled}), or when to look again; neither when another run had decided.
	 */
	private record Decision(String outcome, Instant lookAgainAt, boolean undone) {

		static final Decision NONE = new Decision(null, null, false);

		static Decision lookAgainAt(Instant at) {
			return new Decision(null, at, false);
		}

		/**
		 * Nothing of this run is kept (the window it claimed, the step it began): the
		 * text is decided afresh then.
		 */
		static Decision undoneUntil(Instant at) {
			return new Decision(null, at, true);
		}

	}

	/** One run of the task: decide the text, or look again later. */
	CompletionHandler<String> run(UUID callId) {
		Decision decision = this.transactions.execute((tx) -> {
			Decision decided = decide(callId);
			if (decided.undone()) {
				tx.setRollbackOnly();
			}
			return decided;
		});
		if (decision.outcome() != null) {
			// Counted once committed, so the metric matches the calls.
			this.meters.counter(METRIC, "outcome", decision.outcome()).increment();
		}
		if (decision.lookAgainAt() != null) {
			return (complete, operations) -> operations.reschedule(complete, decision.lookAgainAt());
		}
		return (complete, operations) -> operations.remove();
	}

	/** Settles the call's pending text, or says when to look again. */
	private Decision decide(UUID callId) {
		Optional<Call> pending = this.calls.lockPendingText(callId);
		if (pending.isEmpty()) {
			return Decision.NONE;
		}
		Call call = pending.get();
		Lead lead = this.leads.get(call.leadId());
		Instant now = this.clock.instant();
		CallSettings.MissedText text = this.settings.missedText();
		Optional<String> reason = reasonNotToText(call, lead);
		if (reason.isPresent()) {
			return settle(call, "cancelled", null, reason.get());
		}
		Optional<Instant> wait = waitUntil(call, lead, text, now);
		if (wait.isPresent()) {
			this.calls.textDueAt(call.id(), wait.get());
			return Decision.lookAgainAt(wait.get());
		}
		if (!this.calls.claimTextWindow(lead.phone(), call.id(), now, now.minus(text.window()))) {
			// The number had its missed-call text (perhaps on an earlier lead): that was
			// the first contact, so a caller's new lead goes on with its sequence.
			this.sequences.startAfterFirstContact(lead.id(), false);
			return settle(call, "cancelled", null, "Already texted within " + text.window().toHours() + " hours");
		}
		boolean firstStep = this.sequences.startAfterFirstContact(lead.id(), false);
		String body = MessageTemplates.render(text.template(),
				MessageTemplates.leadValues(lead.name(), lead.source(), this.business.profile().name()));
		QueueResult result = this.outbound.queue(lead.id(), body, firstStep ? 1 : null, null, false);
		if (result instanceof QueueResult.Queued queued) {
			return settle(call, "queued", queued.messageId(), null);
		}
		if (result instanceof QueueResult.Blocked blocked) {
			return settle(call, "blocked", blocked.messageId(), blocked.reason());
		}
		if (result instanceof QueueResult.Held held) {
			// The hour's automatic texts reached the cap (SPEC 3 outboundHourlyCap): the
			// text waits for the next hour, as a held follow-up does.
			return Decision.undoneUntil(held.until());
		}
		UUID blockedId = ((QueueResult.OptedOut) result).messageId();
		if (firstStep) {
			this.sequenceEnd.end(lead.id(), EndReason.OPTED_OUT);
		}
		return settle(call, "blocked", blockedId, OptOuts.RECIPIENT_OPTED_OUT);
	}

	/**
	 * Why the caller must not get the text, if anything: someone reached them since the
	 * call began, or they cannot get it.
	 */
	private Optional<String> reasonNotToText(Call call, Lead lead) {
		if (lead.status().isClosed()) {
			return Optional.of("Lead closed");
		}
		if (PhoneNumbers.toSmsCapableE164(lead.phone(), this.business.country()).isEmpty()) {
			return Optional.of("The caller's number cannot get texts");
		}
		if (this.conversation.leadTextedSince(lead.id(), call.startedAt())) {
			return Optional.of("The caller texted in");
		}
		if (this.conversation.staffTextedSince(lead.id(), call.startedAt())) {
			// A person took over: a caller's waiting sequence starts paused.
			this.sequences.startAfterFirstContact(lead.id(), true);
			return Optional.of("Staff texted the caller");
		}
		if (this.calls.answeredAfter(call)) {
			return Optional.of("The caller was reached by phone");
		}
		return Optional.empty();
	}

	/**
	 * When the text may go, if not now: once the caller's next call (still ringing or
	 * talking) has ended, or after quiet hours where the settings hold the text.
	 */
	private Optional<Instant> waitUntil(Call call, Lead lead, CallSettings.MissedText text, Instant now) {
		if (this.calls.ringingAfter(call, now.minus(LONGEST_CALL))) {
			return Optional.of(now.plus(ON_THE_LINE_RECHECK));
		}
		if (text.heldByQuietHours()) {
			return this.quietHours.deferUntil(lead.phone(), now);
		}
		return Optional.empty();
	}

	private Decision settle(Call call, String status, UUID messageId, String reason) {
		this.calls.settleText(call.id(), status, messageId, reason);
		return new Decision(status, null, false);
	}

}
