package com.leadresponse.sequence;

import java.time.Instant;
import java.util.UUID;

/**
 * A lead as its sequence sees it: who it is (for merge fields and quiet hours), which
 * step it reached, and when its sequence expires.
 */
public record SequenceLead(UUID id, String name, String phone, String source, int step, Instant expiresAt) {
}
