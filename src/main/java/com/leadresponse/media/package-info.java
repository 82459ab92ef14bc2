/**
 * Photos and other media (SPEC 10): every item of an inbound MMS kept in PostgreSQL,
 * downloaded in the background with the account's credentials; staff's photos sent out
 * through links the service signs; served only to signed-in staff or through those links.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Media",
		allowedDependencies = { "sms", "settings", "jobs", "periodic", "system" })
package com.leadresponse.media;
