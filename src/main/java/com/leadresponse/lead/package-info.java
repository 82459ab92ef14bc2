/**
 * Leads (SPEC 3, 4, 5.1, 5.11): intake from every source with one open lead per phone,
 * the lead record and its search, what staff do with a lead, and the lead JSON API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Leads",
		allowedDependencies = { "audit", "media", "sequence", "sms", "settings", "system" })
package com.leadresponse.lead;
