package com.leadresponse.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.leadresponse.inbox.LeadPage.SequencePanel;
import com.leadresponse.inbox.LeadPage.SmsCounter;
import com.leadresponse.inbox.LeadPage.ThreadMessage;
import com.leadresponse.lead.Lead;
import com.leadresponse.lead.Leads;
import com.leadresponse.sequence.ExpirySettings;
import com.leadresponse.sequence.Sequences;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffUser;
import com.leadresponse.sms.Conversation;
import com.leadresponse.sms.Message;
import com.leadresponse.sms.ProviderCalls;
import com.leadresponse.sms.RateLimitStatus;
import com.leadresponse.sms.SmsSegments;
import com.leadresponse.sms.SmsSettings;
import com.leadresponse.system.PageFormats;

import org.springframework.stereotype.Component;

/**
 * Puts together the lead page from the lead, its messages, its counters and the sequence.
 */
@Component
class LeadPages {

	/** The sender the simulator records on what it "sent" (SPEC 2). */
	private static final String SIMULATOR_SENDER = "Simulator";

	private final Leads leads;

	private final Conversation conversation;

	private final Sequences sequences;

	private final SmsSettings sms;

	private final ExpirySettings expiry;

	private final BusinessSettings business;

	private final StaffAccounts staff;

	private final ProviderCalls provider;

	private final PageFormats formats;

	private final Clock clock;

	LeadPages(Leads leads, Conversation conversation, Sequences sequences, SmsSettings sms, ExpirySettings expiry,
			BusinessSettings business, StaffAccounts staff, ProviderCalls provider, PageFormats formats, Clock clock) {
		this.leads = leads;
		this.conversation = conversation;
		this.sequences = sequences;
		this.sms = sms;
		this.expiry = expiry;
		this.business = business;
		this.staff = staff;
		this.provider = provider;
		this.formats = formats;
		this.clock = clock;
	}

	LeadPage load(UUID leadId) {
		Lead lead = this.leads.get(leadId);
		ZoneId zone = this.business.zone();
		Instant now = this.clock.instant();
		Map<UUID, String> staffNames = this.staff.all()
			.stream()
			.collect(Collectors.toMap(StaffUser::id, StaffUser::name, (a, b) -> a));
		List<ThreadMessage> thread = this.conversation.of(leadId)
			.stream()
			.map((m) -> message(m, lead, staffNames::get))
			.toList();
		RateLimitStatus rate = RateLimitStatus.of(lead.lastSmsAt(), lead.smsCountToday(), lead.smsCountResetAt(), now,
				this.sms.limits(), zone);
		return new LeadPage(lead, thread, counter(rate, now, zone), sequence(lead, this.sequences.stepCount()),
				this.provider.simulated(), this.expiry.current().days(), zone, now);
	}

	private SmsCounter counter(RateLimitStatus rate, Instant now, ZoneId zone) {
		long wait = Math.max(0, Duration.between(now, rate.nextAllowedAt()).toSeconds());
		String next;
		if (wait == 0) {
			next = "can text now";
		}
		else if (wait < 120) {
			next = "next in " + wait + " s";
		}
		else if (wait < 7200) {
			next = "next in " + ((wait + 59) / 60) + " min";
		}
		else {
			next = "next at " + this.formats.dateTime(rate.nextAllowedAt(), zone, now);
		}
		return new SmsCounter(rate.smsCountToday(), rate.dailyLimit(), wait, next);
	}

	private static SequencePanel sequence(Lead lead, int totalSteps) {
		boolean closed = lead.status().isClosed();
		boolean paused = lead.sequencePausedAt() != null && lead.nextFollowupAt() != null && !closed;
		String state;
		if (lead.sequenceActive()) {
			state = "running";
		}
		else if (paused) {
			state = "paused";
		}
		else {
			state = "ended";
		}
		return new SequencePanel(state, lead.sequenceStep(), totalSteps, lead.nextFollowupAt(),
				lead.sequenceExpiresAt(), lead.sequenceEndedReason(), lead.sequenceActive(), paused,
				!closed && lead.sequenceExpiresAt() != null && lead.nextFollowupAt() != null);
	}

	private static ThreadMessage message(Message m, Lead lead, Function<UUID, String> staffName) {
		String status = m.status().dbValue();
		String label;
		String tone;
		String explanation = null;
		switch (m.status()) {
			case QUEUED -> {
				label = "Queued";
				tone = "muted";
			}
			case SENDING -> {
				label = "Sending…";
				tone = "muted";
			}
			case SENT -> {
				label = SIMULATOR_SENDER.equals(m.fromPhone()) ? "Sent by simulator" : "Sent";
				tone = "ok";
			}
			case DELIVERED -> {
				label = "Delivered";
				tone = "ok";
			}
			case RECEIVED -> {
				label = "Received";
				tone = "ok";
			}
			case BLOCKED -> {
				label = "Blocked";
				tone = "warn";
				explanation = m.errorMessage();
			}
			case UNKNOWN -> {
				label = "Unknown";
				tone = "warn";
				explanation = ((m.errorMessage() != null) ? m.errorMessage() + ". " : "")
						+ "Check Twilio's message log before sending it again.";
			}
			case UNDELIVERED -> {
				label = "Not delivered";
				tone = "bad";
				explanation = TwilioErrors.explain(m.errorCode(), m.errorMessage());
			}
			default -> {
				label = "Failed";
				tone = "bad";
				explanation = TwilioErrors.explain(m.errorCode(), m.errorMessage());
			}
		}
		String author;
		if (!m.outbound()) {
			author = lead.name();
		}
		else if (m.sentById() != null) {
			String name = staffName.apply(m.sentById());
			author = (name != null) ? name : "Staff";
		}
		else if (m.sequenceStep() != null) {
			author = (m.sequenceStep() == 1) ? "Instant response" : "Follow-up " + m.sequenceStep();
		}
		else {
			author = "Lead Response";
		}
		return new ThreadMessage(m.id(), m.outbound(), m.body(), status, label, tone, explanation, m.errorCode(),
				author, m.createdAt(), m.outbound() ? SmsSegments.count(m.body()) : null);
	}

}
