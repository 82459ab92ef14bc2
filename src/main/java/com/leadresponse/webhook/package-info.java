/**
 * Twilio's webhooks (SPEC 3, 5.4, 5.7, 5.10, 5.11): the signature check, exactly-once
 * processing with the 24-hour record and its cleanup, inbound texts and status callbacks.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Twilio webhooks",
		allowedDependencies = { "lead", "media", "sms", "settings", "periodic", "jobs", "system" })
package com.leadresponse.webhook;
