package com.leadresponse.outboundwebhook;

import java.util.UUID;

/** What outbound webhooks tell the rest of the product, inside their transactions. */
public final class OutboundWebhookEvents {

	private OutboundWebhookEvents() {
	}

	/** An endpoint kept failing and was disabled: the staff are told. */
	public record EndpointDisabled(UUID endpointId, String url, String reason) {
	}

}
