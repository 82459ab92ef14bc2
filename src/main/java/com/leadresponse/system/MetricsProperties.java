package com.leadresponse.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may scrape {@code /actuator/prometheus}: a caller with
 * {@code Authorization: Bearer <token>} ({@code LEAD_RESPONSE_METRICS_TOKEN}). Unset, the
 * endpoint answers 401 to everyone: the metrics name the traffic and the errors of the
 * business, and a public address is no place for them.
 */
@ConfigurationProperties("lead-response.metrics")
record MetricsProperties(String token) {

	boolean configured() {
		return this.token != null && !this.token.isBlank();
	}

	@Override
	public String toString() {
		return "MetricsProperties[token " + (configured() ? "set" : "unset") + "]";
	}

}
