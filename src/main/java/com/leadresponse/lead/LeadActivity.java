package com.leadresponse.lead;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.sequence.EndReason;
import com.leadresponse.sequence.SequenceEvents;
import com.leadresponse.sms.OptOuts;
import com.leadresponse.sms.SmsEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * What happens to a lead without staff doing it: its reply, its first contact, a call, a
 * number the carrier reports unreachable, an opt-out, a sequence that expired. Each runs
 * in the transaction of what caused it (the webhook's, the send's, the pass's), and a
 * status it changes is told as {@link LeadEvents.StatusChanged}, as a change by staff
 * ({@link Leads}) is.
 */
@Service
public class LeadActivity {

	private final LeadRepository leads;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	LeadActivity(LeadRepository leads, ApplicationEventPublisher events, Clock clock) {
		this.leads = leads;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Records a lead's reply: its sequence ends and it becomes {@code replied} (SPEC
	 * 5.3). Runs in the caller's transaction (the webhook's), so the reply and its
	 * effects commit together.
	 */
	public void recordReply(Lead lead, String body, boolean newLead, OptOuts.Keyword keyword) {
		Lead replied = this.leads.recordReply(lead.id(), keyword != OptOuts.Keyword.OPT_OUT, this.clock.instant());
		this.events.publishEvent(new LeadEvents.LeadReplied(replied, body, newLead, keyword));
		if (!newLead) {
			statusChanged(replied, lead.status(), null);
		}
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
			this.leads.markContacted(leadId).ifPresent((contacted) -> statusChanged(contacted, LeadStatus.NEW, null));
		}
	}

	/**
	 * Tells the rest of the product that a lead's status changed, in the transaction that
	 * changed it; nothing when it did not.
	 */
	void statusChanged(Lead after, LeadStatus before, UUID actor) {
		if (after.status() != before) {
			this.events.publishEvent(new LeadEvents.StatusChanged(after, before, actor));
		}
	}

	@EventListener
	void onMessagesSent(SmsEvents.MessagesSent event) {
		// A new lead's first text accepted makes it contacted: one statement for a batch.
		for (Lead contacted : this.leads
			.markContacted(event.messages().stream().map(SmsEvents.MessageSent::leadId).distinct().toList())) {
			statusChanged(contacted, LeadStatus.NEW, null);
		}
		event.messages()
			.stream()
			.filter((sent) -> sent.sentById() != null)
			.forEach((sent) -> this.leads.answered(sent.leadId(), sent.queuedAt()));
	}

	/**
	 * Leads closed by their sequence's expiry changed status like any other close: one
	 * statement reads the batch, and each is told as a status change (SPEC 11
	 * {@code lead.status_changed}), by nobody.
	 */
	@EventListener
	void onSequencesExpired(SequenceEvents.Expired event) {
		Map<UUID, LeadStatus> before = new LinkedHashMap<>();
		event.leads().forEach((expired) -> before.put(expired.leadId(), LeadStatus.fromDb(expired.previousStatus())));
		for (Lead closed : this.leads.findAllById(List.copyOf(before.keySet()))) {
			statusChanged(closed, before.get(closed.id()), null);
		}
	}

	/** An opt-out waits for no answer: nothing may be texted to it. */
	@EventListener
	void onOptedOut(SmsEvents.OptedOut event) {
		this.leads.settleOptedOut(event.phone());
	}

}
