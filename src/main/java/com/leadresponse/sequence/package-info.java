/**
 * The follow-up sequence (SPEC 5.1 to 5.3, 5.6): the steps and their editor, the instant
 * response, the follow-up sweep, sequence expiry, and the one home of ending a sequence.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sequence",
		allowedDependencies = { "audit", "sms", "settings", "periodic", "system" })
package com.leadresponse.sequence;
