/**
 * Staff alerts (SPEC 5.12, 8, 11): a new lead, a reply, a missed call and a disabled
 * webhook endpoint alert the staff by SMS and e-mail, recorded with the event and
 * delivered in the background with the sending pipeline's provider call, outcomes and
 * backoff.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Staff alerts",
		allowedDependencies = { "lead", "calls", "outboundwebhook", "sms", "settings", "jobs", "system" })
package com.leadresponse.alert;
