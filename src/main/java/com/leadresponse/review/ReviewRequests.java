package com.leadresponse.review;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.audit.AuditLog;
import com.leadresponse.lead.LeadEvents;
import com.leadresponse.lead.LeadStatus;
import com.leadresponse.lead.Leads;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Review requests of leads (SPEC 11): a win arms the lead's one request, due after the
 * delay; staff may turn it off for a lead; {@link ReviewRequestSweep} sends it when due.
 */
@Service
public class ReviewRequests {

	/**
	 * Where a lead's review request stands: staff's switch ({@code enabled}), and
	 * {@code status} null (not won, or reopened before it went), {@code pending} (due at
	 * {@code dueAt}), {@code sent} (its text is {@code messageId}) or {@code skipped}
	 * (for {@code reason}).
	 */
	public record State(boolean enabled, String status, Instant dueAt, Instant sentAt, UUID messageId, String reason) {

		static final State NONE = new State(true, null, null, null, null, null);

	}

	private final ReviewRequestRepository requests;

	private final ReviewSettings settings;

	private final Leads leads;

	private final AuditLog audit;

	private final Clock clock;

	ReviewRequests(ReviewRequestRepository requests, ReviewSettings settings, Leads leads, AuditLog audit,
			Clock clock) {
		this.requests = requests;
		this.settings = settings;
		this.leads = leads;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A lead just won is asked for a review after the delay, while review requests are
	 * on; in the transaction of the win, so an undone win never arms anything.
	 */
	@EventListener
	void onStatusChanged(LeadEvents.StatusChanged change) {
		if (change.lead().status() != LeadStatus.WON || change.previousStatus() == LeadStatus.WON) {
			return;
		}
		ReviewSettings.Review review = this.settings.current();
		if (review.enabled()) {
			this.requests.arm(change.lead().id(), this.clock.instant().plus(review.delay()));
		}
	}

	public State of(UUID leadId) {
		return this.requests.find(leadId).orElse(State.NONE);
	}

	/**
	 * Staff turn the lead's review request off (or on again); recorded in the audit log.
	 */
	@Transactional
	public State setEnabled(UUID leadId, boolean enabled) {
		this.leads.get(leadId);
		if (of(leadId).enabled() != enabled) {
			this.requests.setEnabled(leadId, enabled);
			this.audit.record(enabled ? "lead.review_request_on" : "lead.review_request_off", "lead:" + leadId,
					Map.of());
		}
		return of(leadId);
	}

}
