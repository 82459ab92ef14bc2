/**
 * The hosted web forms (SPEC 9): {@code GET|POST /forms/{slug}}, public and embeddable in
 * the business's own site, protected against spam without a third party (a signed
 * fill-time token, a honeypot, a per-address limit, allowed origins); the forms and their
 * settings in Settings, Forms.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web forms",
		allowedDependencies = { "lead", "settings", "periodic", "system" })
package com.leadresponse.forms;
