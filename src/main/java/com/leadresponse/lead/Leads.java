package com.leadresponse.lead;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.audit.AuditLog;

import com.leadresponse.media.OutboundMedia;
import com.leadresponse.sequence.Sequences;
import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffUser;
import com.leadresponse.sms.OutboundMessages;
import com.leadresponse.sms.OutboundMessages.QueueResult;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do with leads: find them, text them, close or reopen them, steer their
 * sequence, read them. What happens to a lead on its own (replies, calls, sends, expiry)
 * is {@link LeadActivity}.
 */
@Service
public class Leads {

	/** SPEC 5.5: only an admin may bypass the SMS limits, whatever a client sends. */
	static final String BYPASS_FOR_ADMINS_ONLY = "Only admins may bypass the SMS rate limit";

	/** The longest internal note. */
	public static final int MAX_NOTE = 2000;

	/** What changing a lead's status did, for the page to say so. */
	public record StatusChange(Lead lead, boolean sequenceResumed) {
	}

	private final LeadRepository leads;

	private final LeadHistoryRepository history;

	private final OutboundMessages outbound;

	private final Sequences sequences;

	private final OutboundMedia media;

	private final StaffAccounts staff;

	private final Clock clock;

	private final AuditLog audit;

	private final LeadActivity activity;

	Leads(LeadRepository leads, LeadHistoryRepository history, OutboundMessages outbound, Sequences sequences,
			OutboundMedia media, StaffAccounts staff, Clock clock, AuditLog audit, LeadActivity activity) {
		this.audit = audit;
		this.activity = activity;
		this.staff = staff;
		this.leads = leads;
		this.history = history;
		this.outbound = outbound;
		this.sequences = sequences;
		this.media = media;
		this.clock = clock;
	}

	/**
	 * Gives the lead to another staff member, or to nobody (SPEC 11 "staff can
	 * reassign"); the owner must be an enabled account.
	 */
	@Transactional
	public Lead reassign(UUID leadId, UUID owner) {
		get(leadId);
		if (owner != null && !this.staff.find(owner).map(StaffUser::enabled).orElse(false)) {
			throw InvalidLeadException.unknownOwner();
		}
		return this.leads.assign(leadId, owner);
	}

	public Lead get(UUID id) {
		return this.leads.findById(id).orElseThrow(() -> LeadNotFoundException.forId(id));
	}

	/** Leads by newest activity, with the one lead search of the API and the inbox. */
	public List<Lead> list(LeadStatus status, String search, int page, int size) {
		return this.leads.list(status, LeadSearch.of(search, ""), page, size);
	}

	/**
	 * A manual SMS from staff (SPEC 3): counted by the rate limit unless an admin
	 * bypasses it (an agent who asks to is refused); once queued, or scheduled for when
	 * the limit allows, the lead's sequence pauses because a human has taken over (SPEC
	 * 5.3).
	 */
	@Transactional
	public QueueResult sendManual(UUID leadId, StaffUser staff, OutboundMessages.ManualText text) {
		return sendManual(leadId, staff, text, List.of());
	}

	/**
	 * As {@link #sendManual(UUID, StaffUser, OutboundMessages.ManualText)}, with photos
	 * (an MMS, SPEC 10): checked before anything is stored, then stored with the message,
	 * which counts toward the limits like any text.
	 */
	@Transactional
	public QueueResult sendManual(UUID leadId, StaffUser staff, OutboundMessages.ManualText text,
			List<OutboundMedia.Upload> photos) {
		if (text.bypassLimits() && !staff.isAdmin()) {
			throw new AccessDeniedException(BYPASS_FOR_ADMINS_ONLY);
		}
		List<OutboundMedia.Checked> checked = this.media.check(photos);
		if (!checked.isEmpty() && text.sentBy() == null) {
			// The dispatcher asks for the media of staff members' texts only.
			throw new IllegalArgumentException("Photos go out only with a staff member's text");
		}
		get(leadId);
		QueueResult result = this.outbound.queueManual(leadId, text);
		QueueResult.stored(result).ifPresent((messageId) -> this.media.attach(messageId, checked));
		if (text.bypassLimits()) {
			// SPEC 11: an admin's text past the limits is on the record.
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("result", result.getClass().getSimpleName().toLowerCase(Locale.ROOT));
			QueueResult.stored(result).ifPresent((messageId) -> details.put("messageId", messageId.toString()));
			this.audit.record("sms.limits_bypassed", subject(leadId), details);
		}
		if ((result instanceof QueueResult.Queued || result instanceof QueueResult.Scheduled)
				&& this.sequences.pause(leadId)) {
			this.history.add(leadId, HistoryEntry.Kind.PAUSED, "A staff text took over", staff.id(),
					this.clock.instant());
		}
		return result;
	}

	/**
	 * A manual SMS as SPEC 3's first form of the API knew it: refused when too soon.
	 */
	@Transactional
	public QueueResult sendManual(UUID leadId, String body, StaffUser staff, boolean bypassLimits) {
		return sendManual(leadId, staff, new OutboundMessages.ManualText(body, staff.id(), bypassLimits, false, null));
	}

	/**
	 * Takes back a text that waits for its moment; false when it already went.
	 */
	@Transactional
	public boolean cancelScheduled(UUID leadId, UUID messageId) {
		get(leadId);
		return this.outbound.cancelScheduled(leadId, messageId);
	}

	/**
	 * Closes (won, lost) or reopens (contacted) a lead; closing ends its sequence and
	 * keeps what it ended, so that the close can be undone. Each change shows in the
	 * lead's conversation with who made it.
	 */
	@Transactional
	public Lead changeStatus(UUID leadId, LeadStatus status, String reason) {
		return changeStatus(leadId, status, reason, null, false).lead();
	}

	@Transactional
	public StatusChange changeStatus(UUID leadId, LeadStatus status, String reason, StaffUser staff,
			boolean resumeSequence) {
		Lead before = this.leads.lock(leadId).orElseThrow(() -> LeadNotFoundException.forId(leadId));
		Instant now = this.clock.instant();
		UUID actor = (staff != null) ? staff.id() : null;
		this.leads.setStatus(leadId, status, reason, now);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("from", before.status().dbValue());
		details.put("to", status.dbValue());
		if (reason != null) {
			details.put("reason", reason);
		}
		this.audit.record("lead.status_changed", subject(leadId), details);
		if (status.isClosed()) {
			this.history.add(leadId, (status == LeadStatus.WON) ? HistoryEntry.Kind.WON : HistoryEntry.Kind.LOST,
					reason, actor, before.status(), before.status().isClosed() ? null : before.nextFollowupAt(), now);
		}
		else if (before.status().isClosed()) {
			this.history.add(leadId, HistoryEntry.Kind.REOPENED, null, actor, now);
		}
		boolean resumed = !status.isClosed() && resumeSequence && this.sequences.restart(leadId);
		if (resumed) {
			this.history.add(leadId, HistoryEntry.Kind.RESUMED, null, actor, now);
		}
		Lead after = get(leadId);
		this.activity.statusChanged(after, before.status(), actor);
		return new StatusChange(after, resumed);
	}

	/**
	 * Undoes the latest close while it is still in force: the status before it comes
	 * back, and the follow-up it ended is due again as it was. False when there is
	 * nothing to undo.
	 */
	@Transactional
	public boolean undoClose(UUID leadId, StaffUser staff) {
		this.leads.lock(leadId).orElseThrow(() -> LeadNotFoundException.forId(leadId));
		Instant now = this.clock.instant();
		Optional<LeadHistoryRepository.Close> close = this.history.latestClose(leadId);
		if (close.isEmpty() || !this.leads.undoClose(leadId, close.get().closedAs(), close.get().before(),
				close.get().followupAt(), now)) {
			return false;
		}
		this.history.add(leadId, HistoryEntry.Kind.REOPENED, "Undid the close", staff.id(), now);
		this.audit.record("lead.close_undone", subject(leadId),
				Map.of("from", close.get().closedAs().dbValue(), "to", close.get().before().dbValue()));
		this.activity.statusChanged(get(leadId), close.get().closedAs(), staff.id());
		return true;
	}

	/** How the audit log names a lead. */
	private static String subject(UUID leadId) {
		return "lead:" + leadId;
	}

	@Transactional
	public Lead pauseSequence(UUID leadId) {
		return pauseSequence(leadId, null);
	}

	@Transactional
	public Lead pauseSequence(UUID leadId, StaffUser staff) {
		get(leadId);
		if (this.sequences.pause(leadId)) {
			this.history.add(leadId, HistoryEntry.Kind.PAUSED, null, (staff != null) ? staff.id() : null,
					this.clock.instant());
		}
		return get(leadId);
	}

	@Transactional
	public Lead resumeSequence(UUID leadId) {
		return resumeSequence(leadId, null);
	}

	@Transactional
	public Lead resumeSequence(UUID leadId, StaffUser staff) {
		get(leadId);
		if (this.sequences.resume(leadId)) {
			this.history.add(leadId, HistoryEntry.Kind.RESUMED, null, (staff != null) ? staff.id() : null,
					this.clock.instant());
		}
		return get(leadId);
	}

	/** Resumes the ended follow-ups of an open lead; answers whether they resumed. */
	@Transactional
	public boolean restartSequence(UUID leadId, StaffUser staff) {
		get(leadId);
		boolean resumed = this.sequences.restart(leadId);
		if (resumed) {
			this.history.add(leadId, HistoryEntry.Kind.RESUMED, null, staff.id(), this.clock.instant());
		}
		return resumed;
	}

	/** An internal note in the lead's conversation: for staff, never texted. */
	@Transactional
	public void addNote(UUID leadId, StaffUser staff, String text) {
		String note = text.strip();
		if (note.isEmpty() || note.length() > MAX_NOTE) {
			throw new IllegalArgumentException("A note has 1 to " + MAX_NOTE + " characters");
		}
		get(leadId);
		this.history.add(leadId, HistoryEntry.Kind.NOTE, note, staff.id(), this.clock.instant());
	}

	/** The lead's notes and status events, oldest first. */
	public List<HistoryEntry> history(UUID leadId) {
		return this.history.forLead(leadId);
	}

	/**
	 * Gives a lead's sequence more time before it expires (SPEC 5.6: a lead can be
	 * extended).
	 */
	@Transactional
	public Lead extendSequence(UUID leadId, Duration extra) {
		get(leadId);
		this.sequences.extend(leadId, extra);
		return get(leadId);
	}

	/** The staff member read the lead (for them alone). */
	public void markRead(UUID leadId, UUID userId) {
		this.leads.markRead(leadId, userId, this.clock.instant());
	}

	/** The lead shows as unread for this staff member until they open it again. */
	public void markUnread(UUID leadId, UUID userId) {
		get(leadId);
		this.leads.markUnread(leadId, userId);
	}

	/** Whether the lead has something this staff member has not read. */
	public boolean unreadFor(UUID leadId, UUID userId) {
		return this.leads.unreadFor(leadId, userId);
	}

}
