/** The dashboard (SPEC 6): what the owner reads about leads, replies and sends. */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboard",
		allowedDependencies = { "settings", "webhook", "system" })
package com.leadresponse.dashboard;
