/**
 * Lead sources (SPEC 9): a connector per marketplace and ad network at
 * {@code /api/sources/{name}}, each checking its sender, mapping its payload and handing
 * a submission to the lead intake; Meta's leads read from the Graph API in the
 * background, and each Meta form's leads read back every hour to fill a gap; the
 * connectors' secrets and the settings page "Lead sources".
 */
@org.springframework.modulith.ApplicationModule(displayName = "Lead sources",
		allowedDependencies = { "lead", "settings", "jobs", "periodic", "system" })
package com.leadresponse.sources;
