/**
 * The staff pages of leads (SPEC 6): the inbox, the lead page with its conversation and
 * composer (with the quick replies), and adding a lead by hand.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inbox", allowedDependencies = { "lead", "calls", "media",
		"quickreply", "review", "sequence", "sms", "settings", "webhook", "system" })
package com.leadresponse.inbox;
