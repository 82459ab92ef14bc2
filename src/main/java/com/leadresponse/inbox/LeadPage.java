package com.leadresponse.inbox;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.leadresponse.lead.Lead;
import com.leadresponse.sms.SmsSegments;

/**
 * What the lead page shows: the lead, its conversation, its SMS counter and its sequence.
 */
record LeadPage(Lead lead, List<ThreadMessage> thread, SmsCounter counter, SequencePanel sequence, boolean simulated,
		int extendDays, ZoneId zone, Instant now) {

	/**
	 * A fingerprint of what the live part of the page shows; a poll that finds it
	 * unchanged gets 204 and the browser keeps its page as it is.
	 */
	public String version() {
		return Integer.toHexString(Objects.hash(this.thread, this.counter, this.lead.status(), this.lead.sequenceStep(),
				this.lead.nextFollowupAt(), this.lead.sequencePausedAt()));
	}

	/** One message of the conversation, as staff read it. */
	record ThreadMessage(UUID id, boolean outbound, String body, String status, String statusLabel, String tone,
			String explanation, String errorCode, String author, Instant at, SmsSegments.Count segments) {
	}

	/**
	 * The SMS counter, "3 of 5 today, next in 42 s" (SPEC 6).
	 *
	 * @param waitSeconds seconds until the next text is allowed, 0 when it is allowed now
	 * @param nextText how the next allowed moment reads ("next in 42 s", "can text now")
	 */
	record SmsCounter(int countToday, int dailyLimit, long waitSeconds, String nextText) {

		public String text() {
			return this.countToday + " of " + this.dailyLimit + " today, " + this.nextText;
		}

		public boolean countdown() {
			return this.waitSeconds > 0 && this.waitSeconds < 120;
		}

	}

	/** The follow-up sequence: where it stands and what staff may do with it. */
	record SequencePanel(String state, int step, int totalSteps, Instant nextFollowupAt, Instant expiresAt,
			String endedReason, boolean canPause, boolean canResume, boolean canExtend) {
	}

}
