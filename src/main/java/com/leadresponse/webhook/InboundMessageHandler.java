package com.leadresponse.webhook;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadIntake;
import com.leadresponse.lead.LeadActivity;
import com.leadresponse.lead.PhoneNumbers;
import com.leadresponse.media.InboundMedia;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.sms.Conversation;
import com.leadresponse.sms.OptOuts;
import com.leadresponse.system.ControlCharacters;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An inbound SMS (SPEC 5.3, 5.7, 5.11): stored on its lead (a new lead for an unknown
 * number), the sequence stopped, consent keywords applied; all in the transaction that
 * claimed the webhook.
 */
@Component
public class InboundMessageHandler {

	private final WebhookDeduplicator deduplicator;

	private final LeadIntake intake;

	private final LeadActivity leads;

	private final Conversation conversation;

	private final OptOuts optOuts;

	private final BusinessSettings business;

	private final InboundMedia media;

	private final Clock clock;

	InboundMessageHandler(WebhookDeduplicator deduplicator, LeadIntake intake, LeadActivity leads,
			Conversation conversation, OptOuts optOuts, BusinessSettings business, InboundMedia media, Clock clock) {
		this.deduplicator = deduplicator;
		this.intake = intake;
		this.leads = leads;
		this.conversation = conversation;
		this.optOuts = optOuts;
		this.business = business;
		this.media = media;
		this.clock = clock;
	}

	/**
	 * Handles one delivery of a Twilio inbound webhook; a repeated {@code MessageSid}
	 * changes nothing.
	 */
	@Transactional
	public void handle(Map<String, String> params) {
		// Read first: a webhook whose media parameters contradict each other stores
		// nothing.
		List<InboundMedia.Listed> media = InboundMedia.listed(params);
		String sid = params.get("MessageSid");
		if (!this.deduplicator.claim(sid, WebhookDeduplicator.INBOUND)) {
			return;
		}
		String from = PhoneNumbers.normalise(params.get("From"), this.business.country());
		LeadIntake.IntakeResult owner = this.intake.forInboundSms(from);
		Lead lead = owner.lead();
		// SPEC 5.11: nothing inbound is dropped; a NUL byte, which PostgreSQL cannot
		// store, is taken out and the text kept.
		String body = ControlCharacters.withoutNul(params.getOrDefault("Body", ""));
		Optional<UUID> message = this.conversation.recordInbound(lead.id(), sid, from, params.get("To"), body);
		if (message.isEmpty()) {
			return;
		}
		this.media.record(message.get(), media);
		OptOuts.Keyword keyword = OptOuts.keywordOf(body, params.get("OptOutType"));
		switch (keyword) {
			case OPT_OUT -> this.optOuts.optOut(from, this.clock.instant());
			case OPT_IN -> this.optOuts.optIn(from);
			case NONE -> {
			}
		}
		this.leads.recordReply(lead, body, owner.created(), keyword);
	}

}
