/**
 * The audit log (SPEC 11): who did what and when (status changes, bypassed limits,
 * settings, users, API keys, exports), recorded by each feature through
 * {@link com.leadresponse.audit.AuditLog#record}, read by admins on the settings page and
 * through {@code GET /api/audit-log}, and never edited.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit log", allowedDependencies = { "system" })
package com.leadresponse.audit;
