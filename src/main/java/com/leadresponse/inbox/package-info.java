/**
 * The staff pages of leads (SPEC 6): the inbox, the lead page with its conversation and
 * composer (with the quick replies), and adding a lead by hand.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inbox",
		allowedDependencies = { "lead", "review", "sequence", "sms", "settings", "webhook", "quickreply", "system" })
package com.leadresponse.inbox;
