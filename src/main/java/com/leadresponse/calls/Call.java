package com.leadresponse.calls;

import java.time.Instant;
import java.util.UUID;

/**
 * One phone call to the business, as stored in {@code calls} (SPEC 8): its caller and
 * lead (unknown for a call first heard of by its recording), its outcome, its voicemail
 * and where its missed-call text stands.
 */
public record Call(UUID id, UUID leadId, String callSid, String fromPhone, String toPhone, CallStatus status,
		String dialStatus, Instant startedAt, Instant endedAt, Integer durationSeconds, String recordingSid,
		String recordingUrl, Integer recordingDurationSeconds, UUID missedTextMessageId, String missedTextStatus,
		Instant missedTextDueAt, String missedTextReason) {

	public boolean hasVoicemail() {
		return this.recordingSid != null;
	}

}
