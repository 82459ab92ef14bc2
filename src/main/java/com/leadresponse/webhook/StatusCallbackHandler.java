package com.leadresponse.webhook;

import java.util.Map;
import java.util.Set;

import com.leadresponse.lead.LeadActivity;
import com.leadresponse.sms.DeliveryStatuses;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A Twilio status callback (SPEC 5.10): deduplicated per message and status, applied only
 * forward, error code kept; an unreachable-number error flags the lead.
 */
@Component
class StatusCallbackHandler {

	/**
	 * Twilio errors meaning the number cannot get texts: unreachable, unknown, landline.
	 */
	static final Set<String> UNREACHABLE = Set.of("30003", "30005", "30006");

	private final WebhookDeduplicator deduplicator;

	private final DeliveryStatuses statuses;

	private final LeadActivity leads;

	StatusCallbackHandler(WebhookDeduplicator deduplicator, DeliveryStatuses statuses, LeadActivity leads) {
		this.deduplicator = deduplicator;
		this.statuses = statuses;
		this.leads = leads;
	}

	@Transactional
	void handle(Map<String, String> params) {
		String sid = params.get("MessageSid");
		String status = params.get("MessageStatus");
		if (!this.deduplicator.claim(sid + ":" + status, WebhookDeduplicator.STATUS)) {
			return;
		}
		String errorCode = blankToNull(params.get("ErrorCode"));
		this.statuses.applyCallback(sid, status, errorCode).ifPresent((leadId) -> {
			if (errorCode != null && UNREACHABLE.contains(errorCode)) {
				this.leads.markUnreachable(leadId, errorCode);
			}
		});
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
