package com.leadresponse.outboundwebhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A registered endpoint as staff and the API see it: never its secret. It has failed
 * every attempt since {@code failingSince}; a disabled one receives nothing until an
 * admin enables it again.
 */
public record WebhookEndpoint(UUID id, String url, List<String> events, Instant createdAt, Instant failingSince,
		Instant disabledAt, String disabledReason) {

	public boolean enabled() {
		return this.disabledAt == null;
	}

}
