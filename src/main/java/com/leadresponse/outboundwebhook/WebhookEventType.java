package com.leadresponse.outboundwebhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events an endpoint may take (SPEC 11), by the names integrations use. */
public enum WebhookEventType {

	/** A new lead, from any source. */
	LEAD_CREATED("lead.created"),

	/** A lead's text that is a reply (not an opt-out or opt-in keyword). */
	LEAD_REPLIED("lead.replied"),

	/** A lead's status changed: won, lost, reopened, replied, contacted. */
	LEAD_STATUS_CHANGED("lead.status_changed"),

	/** Every inbound text, keywords included. */
	MESSAGE_RECEIVED("message.received"),

	/** A call nobody answered (SPEC 8). */
	CALL_MISSED("call.missed");

	private final String wireName;

	WebhookEventType(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

	public static Optional<WebhookEventType> fromWireName(String name) {
		return Arrays.stream(values()).filter((type) -> type.wireName.equals(name)).findFirst();
	}

	public static List<String> wireNames() {
		return Arrays.stream(values()).map(WebhookEventType::wireName).toList();
	}

}
