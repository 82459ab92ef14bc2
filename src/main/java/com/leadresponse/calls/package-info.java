/**
 * Phone calls (SPEC 8): the voice webhooks ring the staff and take a voicemail, a caller
 * is a lead, a missed caller is texted once after a grace delay unless someone reached
 * them first, a missed call alerts the staff, and voicemails are played through the
 * service. The simulator drives the same webhooks' code.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Phone calls",
		allowedDependencies = { "lead", "sequence", "sms", "settings", "webhook", "jobs", "system" })
package com.leadresponse.calls;
