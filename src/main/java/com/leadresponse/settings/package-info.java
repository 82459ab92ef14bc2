/**
 * Settings (SPEC 3, 6): the one settings row that every feature reads its own fields
 * from, its page and API; staff accounts; intake API keys.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Settings", allowedDependencies = { "audit", "system" })
package com.leadresponse.settings;
