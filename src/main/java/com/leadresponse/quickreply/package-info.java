/**
 * Quick replies (SPEC 11): saved texts with the sequence's merge fields, checked the same
 * way, managed by admins on a settings page and through the API, and offered in the lead
 * page's composer filled for that lead.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Quick replies",
		allowedDependencies = { "sms", "settings", "system" })
package com.leadresponse.quickreply;
