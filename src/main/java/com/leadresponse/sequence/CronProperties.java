package com.leadresponse.sequence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The cron endpoint's bearer token ({@code CRON_SECRET}; the endpoint answers 404 while
 * unset), and the in-process schedule of the same tasks.
 */
@ConfigurationProperties("cron")
record CronProperties(String secret, @DefaultValue("true") boolean schedulerEnabled,
		@DefaultValue("60s") Duration interval, @DefaultValue("5s") Duration deliveryInterval) {

	@Override
	public String toString() {
		return "CronProperties[schedulerEnabled=" + this.schedulerEnabled + ", interval=" + this.interval + "]";
	}

}
