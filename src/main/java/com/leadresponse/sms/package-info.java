/**
 * The sending pipeline (SPEC 5.4 to 5.10): every text to a lead passes consent and the
 * rate limit and is committed {@code queued} before the provider is called; dispatch,
 * reconciliation of uncertain sends, delivery statuses, opt-out, quiet hours, and the
 * gateway to Twilio or the simulator.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sending pipeline",
		allowedDependencies = { "settings", "periodic", "jobs", "system" })
package com.leadresponse.sms;
