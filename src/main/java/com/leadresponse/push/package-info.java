/**
 * Web Push to staff (SPEC 6 "Nobody misses a reply"): the service's VAPID keys, made at
 * the first start; each staff member's push subscriptions; a notification for every reply
 * and new lead, delivered in the background with the one retry policy.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web Push",
		allowedDependencies = { "lead", "settings", "jobs", "system" })
package com.leadresponse.push;
