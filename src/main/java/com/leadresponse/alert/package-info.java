/**
 * Staff alerts (SPEC 5.12): a new lead and a reply alert the staff by SMS and e-mail,
 * recorded with the event and delivered in the background with the sending pipeline's
 * provider call, outcomes and backoff.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Staff alerts",
		allowedDependencies = { "lead", "sms", "settings", "jobs", "system" })
package com.leadresponse.alert;
