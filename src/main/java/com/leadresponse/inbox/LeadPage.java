package com.leadresponse.inbox;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.leadresponse.lead.Lead;
import com.leadresponse.quickreply.QuickReply;
import com.leadresponse.sms.SmsSegments;

/**
 * What the lead page shows: the lead, its conversation, its SMS counter, its sequence and
 * what the composer may do.
 */
record LeadPage(Lead lead, List<ThreadItem> thread, SmsCounter counter, SequencePanel sequence, ComposerState composer,
		boolean simulated, int extendDays, ZoneId zone, Instant now) {

	/**
	 * A fingerprint of what the live part of the page shows; a poll that finds it
	 * unchanged gets 204 and the browser keeps its page as it is.
	 */
	public String version() {
		return Integer.toHexString(Objects.hash(this.thread, this.counter, this.lead.status(), this.lead.sequenceStep(),
				this.lead.nextFollowupAt(), this.lead.sequencePausedAt(), this.lead.awaitingReplySince()));
	}

	/**
	 * One item of the conversation, in time order with the others: a text, a note, a
	 * status event. Each kind has its fragment in {@code inbox/thread.html}, named by
	 * {@link #kind()}; a new kind (a call, a submission, a photo) is one more record and
	 * one more fragment.
	 */
	sealed interface ThreadItem {

		String kind();

		Instant at();

	}

	/**
	 * A text, as staff read it; a text waiting for its moment under the rate limit
	 * ({@code waiting}) goes by itself at {@code scheduledFor} and may be cancelled.
	 */
	record TextItem(UUID id, boolean outbound, String body, String status, String statusLabel, String tone,
			String explanation, String errorCode, String author, boolean automatic, Instant at,
			SmsSegments.Count segments, boolean waiting, Instant scheduledFor,
			List<Attachment> media) implements ThreadItem {

		@Override
		public String kind() {
			return "text";
		}

		/** Whether the text is an MMS: it carries photos or other media. */
		public boolean mms() {
			return !this.media.isEmpty();
		}

	}

	/**
	 * A photo or other medium of a text (SPEC 10): a photo shows as a thumbnail that
	 * opens full size, anything else as a download named by its type; one still
	 * downloading says so, one not kept says why.
	 *
	 * @param url where signed-in staff see it (this service's own address)
	 * @param state {@code pending}, {@code stored} or {@code failed}
	 * @param label what it is, as staff read it ("PNG photo, 1.2 MB", "PDF, 12 KB")
	 * @param reason why it was not kept, for a failed item
	 */
	record Attachment(UUID id, String url, boolean image, String state, String label, String fileName, String reason) {

		public boolean stored() {
			return "stored".equals(this.state);
		}

	}

	/**
	 * A phone call (SPEC 8), in time order with the texts: "Missed call", "Answered, 3
	 * min", with its voicemail ("Voicemail 0:42") played through this service, and where
	 * its missed-call text stands.
	 *
	 * @param headline what became of the call
	 * @param voicemailLabel "Voicemail 0:42", or null without a voicemail
	 * @param voicemailUrl this service's address of the recording, never Twilio's
	 * @param textNote the missed-call text's state when the text itself is not in the
	 * thread ("Text to the caller goes by itself at 2:15 PM", "No text: Staff texted the
	 * caller"), or null
	 */
	record CallItem(UUID id, String status, String headline, String tone, String voicemailLabel, String voicemailUrl,
			String textNote, Instant at) implements ThreadItem {

		@Override
		public String kind() {
			return "call";
		}

	}

	/** An internal note: for staff, never texted. */
	record NoteItem(UUID id, String author, String body, Instant at) implements ThreadItem {

		@Override
		public String kind() {
			return "note";
		}

	}

	/**
	 * A status event: won, lost with its reason, reopened, sequence paused or resumed.
	 */
	record StatusItem(UUID id, String text, String detail, String author, String tone,
			Instant at) implements ThreadItem {

		@Override
		public String kind() {
			return "status";
		}

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
			String endedReason, boolean canPause, boolean canResume, boolean canExtend, boolean canRestart) {
	}

	/**
	 * What the composer may do: nothing, with the reason, for a lead that opted out; its
	 * key of the next submit, so a double tap stores one text; the quick replies it
	 * offers, filled for this lead (SPEC 11).
	 */
	record ComposerState(String disabledReason, UUID sendKey, List<QuickReply.ForLead> quickReplies) {

		public boolean disabled() {
			return this.disabledReason != null;
		}

	}

}
