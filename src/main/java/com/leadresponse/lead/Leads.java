package com.leadresponse.lead;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.leadresponse.sequence.EndReason;
import com.leadresponse.sequence.Sequences;
import com.leadresponse.settings.StaffUser;
import com.leadresponse.sms.OutboundMessages;
import com.leadresponse.sms.OutboundMessages.QueueResult;
import com.leadresponse.sms.SmsEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do with leads: find them, text them, close or reopen them, steer their
 * sequence.
 */
@Service
public class Leads {

	/** SPEC 5.5: only an admin may bypass the SMS limits, whatever a client sends. */
	static final String BYPASS_FOR_ADMINS_ONLY = "Only admins may bypass the SMS rate limit";

	private final LeadRepository leads;

	private final OutboundMessages outbound;

	private final Sequences sequences;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Leads(LeadRepository leads, OutboundMessages outbound, Sequences sequences, ApplicationEventPublisher events,
			Clock clock) {
		this.leads = leads;
		this.outbound = outbound;
		this.sequences = sequences;
		this.events = events;
		this.clock = clock;
	}

	public Lead get(UUID id) {
		return this.leads.findById(id).orElseThrow(() -> LeadNotFoundException.forId(id));
	}

	/** Leads by newest activity, with the one lead search of the API and the inbox. */
	public List<Lead> list(LeadStatus status, String search, int page, int size) {
		return this.leads.list(status, LeadSearch.of(search, ""), page, size);
	}

	/**
	 * A manual SMS from staff (SPEC 3): counted by the rate limit unless an admin
	 * bypasses it (an agent who asks to is refused); once queued, the lead's sequence
	 * pauses because a human has taken over (SPEC 5.3).
	 */
	@Transactional
	public QueueResult sendManual(UUID leadId, String body, StaffUser staff, boolean bypassLimits) {
		if (bypassLimits && !staff.isAdmin()) {
			throw new AccessDeniedException(BYPASS_FOR_ADMINS_ONLY);
		}
		get(leadId);
		QueueResult result = this.outbound.queue(leadId, body, null, staff.id(), bypassLimits);
		if (result instanceof QueueResult.Queued) {
			this.sequences.pause(leadId);
		}
		return result;
	}

	/** Closes (won, lost) or reopens (contacted) a lead; closing ends its sequence. */
	@Transactional
	public Lead changeStatus(UUID leadId, LeadStatus status, String reason) {
		get(leadId);
		this.leads.setStatus(leadId, status, reason, this.clock.instant());
		return get(leadId);
	}

	@Transactional
	public Lead pauseSequence(UUID leadId) {
		get(leadId);
		this.sequences.pause(leadId);
		return get(leadId);
	}

	@Transactional
	public Lead resumeSequence(UUID leadId) {
		get(leadId);
		this.sequences.resume(leadId);
		return get(leadId);
	}

	/**
	 * Gives a lead's sequence more time before it expires (SPEC 5.6: a lead can be
	 * extended).
	 */
	@Transactional
	public Lead extendSequence(UUID leadId, Duration extra) {
		get(leadId);
		this.sequences.extend(leadId, extra);
		return get(leadId);
	}

	/**
	 * Records a lead's reply: its sequence ends and it becomes {@code replied} (SPEC
	 * 5.3). Runs in the caller's transaction (the webhook's), so the reply and its
	 * effects commit together.
	 */
	public void recordReply(Lead lead, String body, boolean newLead) {
		Lead replied = this.leads.recordReply(lead.id(), this.clock.instant());
		this.events.publishEvent(new LeadEvents.LeadReplied(replied, body, newLead));
	}

	/**
	 * Flags a lead whose number the carrier reports unreachable; its sequence ends (SPEC
	 * 5.10).
	 */
	public void markUnreachable(UUID leadId, String errorCode) {
		this.leads.markUnreachable(leadId, EndReason.unreachable(errorCode), this.clock.instant());
	}

	/**
	 * A call with the lead (SPEC 8) is its newest activity; an answered one means staff
	 * spoke to it, so a new lead becomes contacted. Runs in the caller's transaction.
	 */
	public void recordCall(UUID leadId, boolean answered) {
		this.leads.touch(leadId, this.clock.instant());
		if (answered) {
			this.leads.markContacted(leadId);
		}
	}

	public void markRead(UUID leadId) {
		this.leads.markRead(leadId, this.clock.instant());
	}

	@EventListener
	void onMessageSent(SmsEvents.MessageSent event) {
		this.leads.markContacted(event.leadId());
	}

}
