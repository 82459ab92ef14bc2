/**
 * Review requests (SPEC 11): when a lead is won, one text asking for a review goes after
 * a delay, through the sending pipeline (limits, opt-out and quiet hours apply), unless
 * staff turned it off for that lead; never twice for a lead, on any number of instances.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Review requests",
		allowedDependencies = { "audit", "lead", "sms", "settings", "periodic", "system" })
package com.leadresponse.review;
