package com.leadresponse.push;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadEvents;
import com.leadresponse.lead.LeadStatus;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * A Web Push notification to every subscribed browser of every staff member for each new
 * lead and each reply (SPEC 6). Each is scheduled in the transaction of the event, as
 * staff alerts are, so it exists exactly when the event does, and is delivered in the
 * background ({@link PushDelivery}), never inside a transaction.
 */
@Service
class StaffPushNotifications {

	/** Enough to tell who and what; the app has the rest. */
	static final int BODY_LENGTH = 160;

	private final PushSubscriptionRepository subscriptions;

	private final SchedulerClient scheduler;

	private final JsonMapper json;

	private final Clock clock;

	StaffPushNotifications(PushSubscriptionRepository subscriptions, SchedulerClient scheduler, JsonMapper json,
			Clock clock) {
		this.subscriptions = subscriptions;
		this.scheduler = scheduler;
		this.json = json;
		this.clock = clock;
	}

	/** A new lead from a lead source; one created by a text is told as its reply. */
	@EventListener
	void onLeadCreated(LeadEvents.LeadCreated event) {
		Lead lead = event.lead();
		if (!event.announced() || lead.status() == LeadStatus.REPLIED) {
			return;
		}
		String body = (lead.message() != null) ? lead.message() : "From "
				+ ((lead.source() != null) ? lead.source() : "a lead source") + ". The instant text is on its way.";
		// SPEC 11: a lead with an owner is theirs to answer; their devices are told.
		notifyStaff(lead, "New lead: " + lead.name(), body, (lead.assignedTo() != null)
				? this.subscriptions.ofStaffMember(lead.assignedTo()) : this.subscriptions.ofEnabledStaff());
	}

	@EventListener
	void onLeadReplied(LeadEvents.LeadReplied event) {
		Lead lead = event.lead();
		notifyStaff(lead, event.newLead() ? "New lead by text: " + lead.phone() : lead.name() + " replied",
				event.body(), this.subscriptions.ofEnabledStaff());
	}

	private void notifyStaff(Lead lead, String title, String body,
			List<PushSubscriptionRepository.Subscription> recipients) {
		if (recipients.isEmpty()) {
			// Nobody subscribed (the subscriptions are a per-instance copy): no payload
			// is
			// written for nobody on every text.
			return;
		}
		Map<String, String> payload = new LinkedHashMap<>();
		payload.put("title", title);
		payload.put("body", (body.length() > BODY_LENGTH) ? body.substring(0, BODY_LENGTH - 1) + "…" : body);
		payload.put("url", "/leads/" + lead.id());
		payload.put("tag", "lead-" + lead.id());
		String text = this.json.writeValueAsString(payload);
		Instant now = this.clock.instant();
		for (PushSubscriptionRepository.Subscription subscription : recipients) {
			String id = UUID.randomUUID().toString();
			this.scheduler.schedule(PushDelivery.TASK.instance(id)
				.data(new PushDelivery.Push(subscription.id().toString(), text))
				.scheduledTo(now));
		}
	}

}
