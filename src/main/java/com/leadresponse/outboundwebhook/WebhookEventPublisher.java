package com.leadresponse.outboundwebhook;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.calls.Call;
import com.leadresponse.calls.CallEvents;
import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadEvents;
import com.leadresponse.sms.OptOuts;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Raises the outbound webhook events (SPEC 11) where the product changes: a new lead
 * ({@code LeadIntake}), a lead's text ({@code LeadActivity.recordReply}, from the inbound
 * webhook), a status change ({@code Leads}, {@code LeadActivity}), a missed call
 * ({@code IncomingCalls}). Each is written to the outbox in the transaction of the
 * change, with its body as it will be signed and sent: {@code {"type", "timestamp",
 * "data"}} as the Standard Webhooks specification recommends.
 */
@Component
class WebhookEventPublisher {

	private final WebhookEndpointRepository endpoints;

	private final WebhookOutboxRepository outbox;

	private final JsonMapper json;

	private final Clock clock;

	WebhookEventPublisher(WebhookEndpointRepository endpoints, WebhookOutboxRepository outbox, JsonMapper json,
			Clock clock) {
		this.endpoints = endpoints;
		this.outbox = outbox;
		this.json = json;
		this.clock = clock;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void onLeadCreated(LeadEvents.LeadCreated event) {
		if (!taken(WebhookEventType.LEAD_CREATED)) {
			return;
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("lead", lead(event.lead()));
		publish(WebhookEventType.LEAD_CREATED, event.lead().id(), data);
	}

	/**
	 * Every text is {@code message.received}; one that is a reply is also
	 * {@code lead.replied}.
	 */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void onLeadReplied(LeadEvents.LeadReplied event) {
		if (!taken(WebhookEventType.MESSAGE_RECEIVED) && !taken(WebhookEventType.LEAD_REPLIED)) {
			return;
		}
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("body", event.body());
		message.put("receivedAt", this.clock.instant().toString());
		message.put("keyword", switch (event.keyword()) {
			case OPT_OUT -> "opt_out";
			case OPT_IN -> "opt_in";
			case NONE -> null;
		});
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("lead", lead(event.lead()));
		data.put("message", message);
		publish(WebhookEventType.MESSAGE_RECEIVED, event.lead().id(), data);
		if (event.keyword() == OptOuts.Keyword.NONE) {
			publish(WebhookEventType.LEAD_REPLIED, event.lead().id(), data);
		}
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void onStatusChanged(LeadEvents.StatusChanged event) {
		if (!taken(WebhookEventType.LEAD_STATUS_CHANGED)) {
			return;
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("lead", lead(event.lead()));
		data.put("previousStatus", event.previousStatus().dbValue());
		data.put("status", event.lead().status().dbValue());
		data.put("reason", event.lead().closedReason());
		data.put("changedBy", (event.changedBy() != null) ? event.changedBy().toString() : null);
		publish(WebhookEventType.LEAD_STATUS_CHANGED, event.lead().id(), data);
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void onCallMissed(CallEvents.CallMissed event) {
		if (!taken(WebhookEventType.CALL_MISSED)) {
			return;
		}
		Call call = event.call();
		Map<String, Object> callData = new LinkedHashMap<>();
		callData.put("id", call.id().toString());
		callData.put("from", call.fromPhone());
		callData.put("to", call.toPhone());
		callData.put("status", call.status().dbValue());
		callData.put("dialStatus", call.dialStatus());
		callData.put("startedAt", instant(call.startedAt()));
		callData.put("endedAt", instant(call.endedAt()));
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("lead", (event.lead() != null) ? lead(event.lead()) : null);
		data.put("call", callData);
		publish(WebhookEventType.CALL_MISSED, (event.lead() != null) ? event.lead().id() : null, data);
	}

	/**
	 * Whether an enabled endpoint takes events of this type. Where none does (the common
	 * case) nothing is written, and the event's body is not even built: the types are
	 * kept by each instance, so asking costs no statement.
	 */
	private boolean taken(WebhookEventType type) {
		return this.endpoints.takenTypes().contains(type.wireName());
	}

	private void publish(WebhookEventType type, UUID leadId, Map<String, Object> data) {
		if (!taken(type)) {
			return;
		}
		Instant now = this.clock.instant();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type.wireName());
		body.put("timestamp", now.toString());
		body.put("data", data);
		Long seq = (leadId != null) ? this.outbox.nextLeadSeq(leadId) : null;
		this.outbox.insert(newEventId(), type, leadId, seq, this.json.writeValueAsString(body), now);
	}

	/** The webhook-id: unique per event, the same on every attempt and resend. */
	static String newEventId() {
		return "msg_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
	}

	/** A lead in an event: its fields as the lead API names them. */
	private static Map<String, Object> lead(Lead lead) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("id", lead.id().toString());
		out.put("name", lead.name());
		out.put("phone", lead.phone());
		out.put("email", lead.email());
		out.put("source", lead.source());
		out.put("message", lead.message());
		out.put("externalId", lead.externalId());
		out.put("status", lead.status().dbValue());
		out.put("closedReason", lead.closedReason());
		out.put("createdAt", instant(lead.createdAt()));
		out.put("optedOut", lead.optedOutAt() != null);
		return out;
	}

	private static String instant(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
