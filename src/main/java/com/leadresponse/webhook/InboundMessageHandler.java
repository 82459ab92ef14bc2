package com.leadresponse.webhook;

import java.time.Clock;
import java.util.Map;

import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadIntake;
import com.leadresponse.lead.Leads;
import com.leadresponse.lead.PhoneNumbers;
import com.leadresponse.settings.Settings;
import com.leadresponse.settings.SettingsService;
import com.leadresponse.sms.MessageLog;
import com.leadresponse.sms.OptOuts;

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

	private final Leads leads;

	private final MessageLog messages;

	private final OptOuts optOuts;

	private final SettingsService settings;

	private final Clock clock;

	InboundMessageHandler(WebhookDeduplicator deduplicator, LeadIntake intake, Leads leads, MessageLog messages,
			OptOuts optOuts, SettingsService settings, Clock clock) {
		this.deduplicator = deduplicator;
		this.intake = intake;
		this.leads = leads;
		this.messages = messages;
		this.optOuts = optOuts;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Handles one delivery of a Twilio inbound webhook; a repeated {@code MessageSid}
	 * changes nothing.
	 */
	@Transactional
	public void handle(Map<String, String> params) {
		String sid = params.get("MessageSid");
		Settings current = this.settings.current();
		if (!this.deduplicator.claim(sid, WebhookDeduplicator.INBOUND, current)) {
			return;
		}
		String from = PhoneNumbers.normalise(params.get("From"), current.businessCountry());
		LeadIntake.IntakeResult owner = this.intake.forInboundSms(from);
		Lead lead = owner.lead();
		String body = params.getOrDefault("Body", "");
		if (!this.messages.recordInbound(lead.id(), sid, from, params.get("To"), body)) {
			return;
		}
		switch (OptOuts.keywordOf(body, params.get("OptOutType"))) {
			case OPT_OUT -> this.optOuts.optOut(from, this.clock.instant());
			case OPT_IN -> this.optOuts.optIn(from);
			case NONE -> {
			}
		}
		this.leads.recordReply(lead, body, owner.created());
	}

}
