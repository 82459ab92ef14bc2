package com.leadresponse.lead;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A lead's phone calls as its JSON shows them ({@code calls} of {@code GET
 * /api/leads/{id}}, SPEC 3 and 8), oldest first. Provided by the calls feature, which
 * uses leads; a voicemail is played through this service, so its {@code url} is this
 * service's, never Twilio's.
 */
public interface LeadCalls {

	List<CallView> of(UUID leadId);

	/**
	 * One call: who called, what became of it, its voicemail and its missed-call text.
	 */
	record CallView(UUID id, String callSid, String fromPhone, String toPhone, String status, String dialStatus,
			Instant startedAt, Instant endedAt, Integer durationSeconds, VoicemailView voicemail,
			MissedTextView missedText) {
	}

	/** A voicemail: how long it is and where staff play it. */
	record VoicemailView(Integer durationSeconds, String url) {
	}

	/**
	 * The missed-call text of a missed call: {@code pending} until it is due,
	 * {@code queued} (its message is {@code messageId}), {@code blocked} by a limit or an
	 * opt-out, or {@code cancelled} for {@code reason}.
	 */
	record MissedTextView(String status, Instant dueAt, UUID messageId, String reason) {
	}

}
