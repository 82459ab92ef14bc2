package com.leadresponse.audit;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * One entry of the audit log: who ({@code actor}), what ({@code action} on
 * {@code subject}), when ({@code at}), and its {@code details}.
 */
public record AuditEntry(long id, Instant at, String actor, String action, String subject, JsonNode details) {
}
