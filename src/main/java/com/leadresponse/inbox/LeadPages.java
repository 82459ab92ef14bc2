package com.leadresponse.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.leadresponse.inbox.LeadPage.Attachment;
import com.leadresponse.inbox.LeadPage.CallItem;
import com.leadresponse.inbox.LeadPage.ComposerState;
import com.leadresponse.quickreply.QuickReplies;
import com.leadresponse.inbox.LeadPage.NoteItem;
import com.leadresponse.inbox.LeadPage.SequencePanel;
import com.leadresponse.inbox.LeadPage.SmsCounter;
import com.leadresponse.inbox.LeadPage.StatusItem;
import com.leadresponse.inbox.LeadPage.TextItem;
import com.leadresponse.inbox.LeadPage.ThreadItem;
import com.leadresponse.lead.HistoryEntry;
import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadCalls;
import com.leadresponse.lead.LeadStatus;
import com.leadresponse.lead.Leads;
import com.leadresponse.media.MediaItem;
import com.leadresponse.media.MessageMedia;
import com.leadresponse.sequence.ExpirySettings;
import com.leadresponse.sequence.Sequences;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffUser;
import com.leadresponse.sms.Conversation;
import com.leadresponse.sms.Message;
import com.leadresponse.sms.ProviderCalls;
import com.leadresponse.sms.RateLimitStatus;
import com.leadresponse.sms.SmsSegments;
import com.leadresponse.sms.SmsSettings;
import com.leadresponse.system.PageFormats;

import org.springframework.stereotype.Component;

/**
 * Puts together the lead page from the lead, its messages, its counters and the sequence.
 */
@Component
class LeadPages {

	/** The sender the simulator records on what it "sent" (SPEC 2). */
	private static final String SIMULATOR_SENDER = "Simulator";

	private final Leads leads;

	private final Conversation conversation;

	private final Sequences sequences;

	private final SmsSettings sms;

	private final ExpirySettings expiry;

	private final BusinessSettings business;

	private final StaffAccounts staff;

	private final ProviderCalls provider;

	private final LeadCalls calls;

	private final MessageMedia media;

	private final PageFormats formats;

	private final QuickReplies quickReplies;

	private final Clock clock;

	LeadPages(Leads leads, Conversation conversation, Sequences sequences, SmsSettings sms, ExpirySettings expiry,
			BusinessSettings business, StaffAccounts staff, ProviderCalls provider, LeadCalls calls, MessageMedia media,
			PageFormats formats, QuickReplies quickReplies, Clock clock) {
		this.leads = leads;
		this.conversation = conversation;
		this.calls = calls;
		this.media = media;
		this.sequences = sequences;
		this.sms = sms;
		this.expiry = expiry;
		this.business = business;
		this.staff = staff;
		this.provider = provider;
		this.formats = formats;
		this.quickReplies = quickReplies;
		this.clock = clock;
	}

	LeadPage load(UUID leadId) {
		Lead lead = this.leads.get(leadId);
		ZoneId zone = this.business.zone();
		Instant now = this.clock.instant();
		Map<UUID, String> staffNames = this.staff.all()
			.stream()
			.collect(Collectors.toMap(StaffUser::id, StaffUser::name, (a, b) -> a));
		Function<UUID, String> nameOf = (id) -> (id == null) ? "Lead Response" : staffNames.getOrDefault(id, "Staff");
		List<ThreadItem> thread = new ArrayList<>();
		List<Message> messages = this.conversation.of(leadId);
		Map<UUID, List<MediaItem>> media = this.media.of(messages.stream().map(Message::id).toList());
		messages.forEach((m) -> thread.add(message(m, lead, staffNames::get, media.getOrDefault(m.id(), List.of()))));
		this.leads.history(leadId).forEach((entry) -> thread.add(historyItem(entry, nameOf)));
		this.calls.of(leadId).forEach((call) -> thread.add(call(call, zone, now)));
		// Time order; a text and the event it caused at the same moment read text first.
		thread.sort(Comparator.comparing(ThreadItem::at).thenComparing((item) -> !(item instanceof TextItem)));
		RateLimitStatus rate = RateLimitStatus.of(lead.lastSmsAt(), lead.smsCountToday(), lead.smsCountResetAt(), now,
				this.sms.limits(), zone);
		int steps = this.sequences.stepCount();
		return new LeadPage(lead, List.copyOf(thread), counter(rate, now, zone), sequence(lead, steps),
				composer(lead, zone, now), this.provider.simulated(), this.expiry.current().days(), zone, now);
	}

	/**
	 * An opted-out lead cannot be texted: the composer says why instead of offering a
	 * text that would be blocked (SPEC 6).
	 */
	private ComposerState composer(Lead lead, ZoneId zone, Instant now) {
		String reason = (lead.optedOutAt() != null) ? firstName(lead.name()) + " opted out by replying STOP "
				+ this.formats.at(lead.optedOutAt(), zone, now)
				+ ". No text can reach them until they text START to your number." : null;
		return new ComposerState(reason, UUID.randomUUID(),
				(reason != null) ? List.of() : this.quickReplies.forLead(lead.name(), lead.source()));
	}

	private static String firstName(String name) {
		String trimmed = name.strip();
		int space = trimmed.indexOf(' ');
		return (space > 0) ? trimmed.substring(0, space) : trimmed;
	}

	private SmsCounter counter(RateLimitStatus rate, Instant now, ZoneId zone) {
		long wait = Math.max(0, Duration.between(now, rate.nextAllowedAt()).toSeconds());
		String next = (wait == 0) ? "can text now" : "next " + this.formats.until(rate.nextAllowedAt(), zone, now);
		return new SmsCounter(rate.smsCountToday(), rate.dailyLimit(), wait, next);
	}

	private static ThreadItem historyItem(HistoryEntry entry, Function<UUID, String> nameOf) {
		String author = nameOf.apply(entry.actorId());
		return switch (entry.kind()) {
			case NOTE -> new NoteItem(entry.id(), author, entry.body(), entry.createdAt());
			case WON -> new StatusItem(entry.id(), "Closed as won", entry.body(), author, "ok", entry.createdAt());
			case LOST -> new StatusItem(entry.id(), "Closed as lost", entry.body(), author, "bad", entry.createdAt());
			case REOPENED -> new StatusItem(entry.id(), "Reopened", entry.body(), author, "muted", entry.createdAt());
			case PAUSED ->
				new StatusItem(entry.id(), "Follow-ups paused", entry.body(), author, "warn", entry.createdAt());
			case RESUMED ->
				new StatusItem(entry.id(), "Follow-ups resumed", entry.body(), author, "ok", entry.createdAt());
		};
	}

	private static SequencePanel sequence(Lead lead, int totalSteps) {
		boolean closed = lead.status().isClosed();
		boolean paused = lead.sequencePausedAt() != null && lead.nextFollowupAt() != null && !closed;
		String state;
		if (lead.sequenceActive()) {
			state = "running";
		}
		else if (paused) {
			state = "paused";
		}
		else {
			state = "ended";
		}
		// A reopened lead can pick its follow-ups up again where they ended.
		boolean canRestart = state.equals("ended") && !closed && lead.optedOutAt() == null
				&& lead.unreachableAt() == null && lead.sequenceStep() < totalSteps
				&& lead.status() != LeadStatus.REPLIED;
		return new SequencePanel(state, lead.sequenceStep(), totalSteps, lead.nextFollowupAt(),
				lead.sequenceExpiresAt(), lead.sequenceEndedReason(), lead.sequenceActive(), paused,
				!closed && lead.sequenceExpiresAt() != null && lead.nextFollowupAt() != null, canRestart);
	}

	/**
	 * A call as staff read it; the state of its missed-call text is told here only while
	 * the text is not in the conversation itself (waiting, or not sent and why).
	 */
	private CallItem call(LeadCalls.CallView call, ZoneId zone, Instant now) {
		String tone = switch (call.status()) {
			case "answered" -> "ok";
			case "missed" -> "warn";
			default -> "muted";
		};
		LeadCalls.VoicemailView voicemail = call.voicemail();
		LeadCalls.MissedTextView text = call.missedText();
		String textNote = null;
		if (text != null && "pending".equals(text.status()) && text.dueAt() != null) {
			textNote = "Missed-call text goes by itself " + this.formats.until(text.dueAt(), zone, now)
					+ ", unless someone reaches them first";
		}
		else if (text != null && "cancelled".equals(text.status())) {
			textNote = "No missed-call text: " + ((text.reason() != null) ? text.reason() : "not needed");
		}
		return new CallItem(call.id(), call.status(), CallWords.headline(call.status(), call.durationSeconds()), tone,
				(voicemail != null) ? CallWords.voicemail(voicemail.durationSeconds()) : null,
				(voicemail != null) ? voicemail.url() : null, textNote, call.startedAt());
	}

	/** A medium of a text as staff see it (SPEC 10). */
	private static Attachment attachment(MediaItem item) {
		String kind = kindOf(item.contentType());
		String state = item.status().name().toLowerCase(Locale.ROOT);
		String label = switch (item.status()) {
			case PENDING -> kind + ", downloading…";
			case FAILED -> kind + " not kept";
			case STORED -> kind + ((item.sizeBytes() != null) ? ", " + size(item.sizeBytes()) : "");
		};
		return new Attachment(item.id(), MessageMedia.path(item.id()), item.image(), state, label, item.fileName(),
				(item.status() == MediaItem.Status.FAILED) ? item.errorMessage() : null);
	}

	/** What a medium is, by its type, in words staff know. */
	private static String kindOf(String contentType) {
		return switch (contentType) {
			case "image/jpeg" -> "JPEG photo";
			case "image/png" -> "PNG photo";
			case "image/gif" -> "GIF image";
			case "image/webp" -> "WebP photo";
			case "application/pdf" -> "PDF document";
			case "text/vcard", "text/x-vcard" -> "Contact card";
			default -> contentType.startsWith("video/") ? "Video (" + contentType.substring(6) + ")"
					: contentType.startsWith("audio/") ? "Audio (" + contentType.substring(6) + ")"
							: "File (" + contentType + ")";
		};
	}

	private static String size(int bytes) {
		if (bytes < 1024) {
			return bytes + " bytes";
		}
		if (bytes < 1024 * 1024) {
			return Math.round(bytes / 1024.0) + " KB";
		}
		return String.format(Locale.US, "%.1f MB", bytes / 1048576.0);
	}

	private TextItem message(Message m, Lead lead, Function<UUID, String> staffName, List<MediaItem> media) {
		String status = m.status().dbValue();
		String label;
		String tone;
		String explanation = null;
		switch (m.status()) {
			case QUEUED -> {
				label = m.waitingForSlot() ? "Waiting for the rate limit" : "Queued";
				tone = "muted";
			}
			case SENDING -> {
				label = "Sending…";
				tone = "muted";
			}
			case SENT -> {
				label = SIMULATOR_SENDER.equals(m.fromPhone()) ? "Sent by simulator" : "Sent";
				tone = "ok";
			}
			case DELIVERED -> {
				label = "Delivered";
				tone = "ok";
			}
			case RECEIVED -> {
				label = Message.THUMBTACK.equals(m.channel()) ? "Received on Thumbtack" : "Received";
				tone = "ok";
			}
			case BLOCKED -> {
				label = "Blocked";
				tone = "warn";
				explanation = m.errorMessage();
			}
			case UNKNOWN -> {
				label = "Unknown";
				tone = "warn";
				explanation = ((m.errorMessage() != null) ? m.errorMessage() + ". " : "")
						+ "Check Twilio's message log before sending it again.";
			}
			case UNDELIVERED -> {
				label = "Not delivered";
				tone = "bad";
				explanation = TwilioErrors.explain(m.errorCode(), m.errorMessage());
			}
			default -> {
				label = "Failed";
				tone = "bad";
				explanation = TwilioErrors.explain(m.errorCode(), m.errorMessage());
			}
		}
		String author;
		if (!m.outbound()) {
			author = lead.name();
		}
		else if (m.sentById() != null) {
			String name = staffName.apply(m.sentById());
			author = (name != null) ? name : "Staff";
		}
		else if (m.sequenceStep() != null) {
			author = (m.sequenceStep() == 1) ? "Instant response" : "Follow-up " + m.sequenceStep();
		}
		else {
			author = "Lead Response";
		}
		// SPEC 6: automatic texts are labelled as such, so nobody takes them for a
		// person.
		boolean automatic = m.outbound() && m.sentById() == null;
		return new TextItem(m.id(), m.outbound(), m.body(), status, label, tone, explanation, m.errorCode(), author,
				automatic, m.createdAt(), m.outbound() ? SmsSegments.count(m.body()) : null, m.waitingForSlot(),
				m.scheduledFor(), media.stream().map(LeadPages::attachment).toList());
	}

}
