package com.leadresponse.review;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadStatus;
import com.leadresponse.lead.Leads;
import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.sms.MessageTemplates;
import com.leadresponse.sms.OptOuts;
import com.leadresponse.sms.OutboundMessages;
import com.leadresponse.sms.OutboundMessages.QueueResult;
import com.leadresponse.sms.QuietHours;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Review requests' share of the periodic pass (SPEC 11): every due request, checked again
 * when it is due (the setting, staff's switch for the lead, the lead still won, consent,
 * quiet hours), queued as an automatic text through the sending pipeline, so the limits
 * and the hourly cap apply and a refused one waits instead of being dropped. The request
 * is marked sent in the transaction that queues its text.
 */
@Component
@Order(25)
class ReviewRequestSweep implements PeriodicTask {

	static final String SENT = "review requests sent";

	static final int BATCH = 100;

	static final String SETTING_OFF = "Review requests are turned off in the settings";

	static final String TURNED_OFF = "Turned off for this lead";

	static final String NO_LINK = "No review page in the settings";

	private final ReviewRequestRepository requests;

	private final ReviewSettings settings;

	private final Leads leads;

	private final OutboundMessages outbound;

	private final QuietHours quietHours;

	private final BusinessSettings business;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ReviewRequestSweep(ReviewRequestRepository requests, ReviewSettings settings, Leads leads,
			OutboundMessages outbound, QuietHours quietHours, BusinessSettings business,
			TransactionTemplate transactions, Clock clock) {
		this.requests = requests;
		this.settings = settings;
		this.leads = leads;
		this.outbound = outbound;
		this.quietHours = quietHours;
		this.business = business;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public void run(PassReport report) {
		while (true) {
			Instant now = this.clock.instant();
			ReviewSettings.Review review = this.settings.current();
			int[] counts = this.transactions.execute((tx) -> {
				List<ReviewRequestRepository.Due> due = this.requests.lockDue(now, BATCH);
				int sent = 0;
				for (ReviewRequestRepository.Due request : due) {
					sent += send(request, review, now) ? 1 : 0;
				}
				return new int[] { due.size(), sent };
			});
			report.count(SENT, counts[1]);
			if (counts[0] < BATCH) {
				return;
			}
		}
	}

	/** One due request, in the sweep's transaction; true when its text was queued. */
	private boolean send(ReviewRequestRepository.Due request, ReviewSettings.Review review, Instant now) {
		if (!review.enabled()) {
			this.requests.skip(request.leadId(), SETTING_OFF, null);
			return false;
		}
		if (!request.enabled()) {
			this.requests.skip(request.leadId(), TURNED_OFF, null);
			return false;
		}
		Lead lead = this.leads.get(request.leadId());
		if (lead.status() != LeadStatus.WON) {
			// Reopened before its request went: a later win arms it again.
			this.requests.disarm(request.leadId());
			return false;
		}
		if (lead.optedOutAt() != null) {
			this.requests.skip(request.leadId(), OptOuts.RECIPIENT_OPTED_OUT, null);
			return false;
		}
		if (review.link().isBlank()) {
			this.requests.skip(request.leadId(), NO_LINK, null);
			return false;
		}
		Optional<Instant> quietUntil = this.quietHours.deferUntil(lead.phone(), now);
		if (quietUntil.isPresent()) {
			this.requests.defer(request.leadId(), quietUntil.get());
			return false;
		}
		Map<String, String> values = new HashMap<>(
				MessageTemplates.leadValues(lead.name(), lead.source(), this.business.profile().name()));
		values.put("reviewLink", review.link());
		QueueResult result = this.outbound.queue(lead.id(), MessageTemplates.render(review.template(), values), null,
				null, false);
		if (result instanceof QueueResult.Queued queued) {
			this.requests.markSent(lead.id(), queued.messageId(), now);
			return true;
		}
		if (result instanceof QueueResult.Blocked blocked) {
			// SPEC 5.5: the limits apply; it waits for the next allowed moment.
			this.requests.defer(lead.id(), blocked.nextAllowedAt());
			return false;
		}
		if (result instanceof QueueResult.Held held) {
			this.requests.defer(lead.id(), held.until());
			return false;
		}
		this.requests.skip(lead.id(), OptOuts.RECIPIENT_OPTED_OUT, QueueResult.stored(result).orElse(null));
		return false;
	}

}
