/**
 * Outbound webhooks (SPEC 11): endpoints admins register, the events they take written to
 * an outbox in the transaction of the change, signed as the Standard Webhooks
 * specification says and delivered at least once, in order per lead, with retries and
 * backoff; a delivery log with resend; an endpoint that keeps failing is disabled and the
 * staff alerted.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Outbound webhooks",
		allowedDependencies = { "lead", "calls", "sms", "settings", "periodic", "jobs", "system" })
package com.leadresponse.outboundwebhook;
