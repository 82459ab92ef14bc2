package com.leadresponse.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.leadresponse.alert.StaffAlertRepository.Claimed;
import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadEvents;
import com.leadresponse.lead.LeadStatus;
import com.leadresponse.settings.Settings;
import com.leadresponse.settings.SettingsService;
import com.leadresponse.sms.SendingProperties;
import com.leadresponse.sms.SmsGateway;
import com.leadresponse.sms.SmsGateway.OutboundSms;
import com.leadresponse.sms.SmsGateway.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Staff alerts (SPEC 5.12): a new lead and a lead's reply alert the configured staff
 * phones by SMS and, where SMTP is configured, the staff e-mail addresses. Alerts are
 * written to an outbox in the transaction of the event, so they are neither lost when the
 * process dies nor sent for an event that rolled back; they are delivered after commit
 * and by the periodic pass, never inside a transaction, and never count toward a lead's
 * SMS limits.
 */
@Service
public class StaffAlerts {

	private static final Logger log = LoggerFactory.getLogger(StaffAlerts.class);

	static final String NEW_LEAD = "new_lead";

	static final String REPLY = "reply";

	/** Two SMS segments at most: an alert says who and what, the inbox has the rest. */
	static final int SMS_ALERT_LENGTH = 300;

	private static final int BATCH = 200;

	private final StaffAlertRepository alerts;

	private final SmsGateway gateway;

	private final ObjectProvider<JavaMailSender> mail;

	private final SettingsService settings;

	private final TaskExecutor executor;

	private final SendingProperties sending;

	private final AlertProperties properties;

	private final Clock clock;

	StaffAlerts(StaffAlertRepository alerts, SmsGateway gateway, ObjectProvider<JavaMailSender> mail,
			SettingsService settings, TaskExecutor alertExecutor, SendingProperties sending, AlertProperties properties,
			Clock clock) {
		this.alerts = alerts;
		this.gateway = gateway;
		this.mail = mail;
		this.settings = settings;
		this.executor = alertExecutor;
		this.sending = sending;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A new lead from a lead source. A lead created by an inbound SMS is announced by
	 * {@link #onLeadReplied} instead, with what it wrote, so staff get one alert.
	 */
	@EventListener
	void onLeadCreated(LeadEvents.LeadCreated event) {
		Lead lead = event.lead();
		if (lead.status() == LeadStatus.REPLIED) {
			return;
		}
		StringBuilder text = new StringBuilder("New lead: ").append(lead.name()).append(' ').append(lead.phone());
		if (lead.source() != null) {
			text.append(" (").append(lead.source()).append(')');
		}
		if (lead.message() != null) {
			text.append(": ").append(lead.message());
		}
		queue(lead.id(), NEW_LEAD, "New lead: " + lead.name(), text.toString(), event.settings());
	}

	@EventListener
	void onLeadReplied(LeadEvents.LeadReplied event) {
		Lead lead = event.lead();
		String text = event.newLead() ? "New lead by SMS from " + lead.phone() + ": " + event.body()
				: lead.name() + " " + lead.phone() + " replied: " + event.body();
		String subject = event.newLead() ? "New lead by SMS from " + lead.phone() : "Reply from " + lead.name();
		queue(lead.id(), REPLY, subject, text, this.settings.current());
	}

	private void queue(UUID leadId, String event, String subject, String text, Settings current) {
		Instant now = this.clock.instant();
		List<UUID> queued = new ArrayList<>();
		String smsText = (text.length() > SMS_ALERT_LENGTH) ? text.substring(0, SMS_ALERT_LENGTH - 1) + "…" : text;
		for (String phone : current.alertPhones()) {
			queued.add(this.alerts.insert(leadId, event, "sms", phone, null, smsText, now));
		}
		if (this.mail.getIfAvailable() != null) {
			for (String email : current.alertEmails()) {
				queued.add(this.alerts.insert(leadId, event, "email", email, subject, text, now));
			}
		}
		else if (!current.alertEmails().isEmpty()) {
			log.debug("Staff alert e-mail addresses are set but no SMTP server (spring.mail.host): SMS only");
		}
		if (!queued.isEmpty()) {
			deliverAfterCommit(queued);
		}
	}

	private void deliverAfterCommit(List<UUID> ids) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			// Published outside a transaction (not done by the product today): the rows
			// are
			// already committed.
			ids.forEach(this::deliverSoon);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ids.forEach(StaffAlerts.this::deliverSoon);
			}
		});
	}

	private void deliverSoon(UUID id) {
		try {
			this.executor.execute(() -> this.alerts.claim(id, this.clock.instant()).forEach(this::deliver));
		}
		catch (RuntimeException ex) {
			log.warn("Staff alert {} waits for the next delivery pass: {}", id, ex.getMessage());
		}
	}

	/**
	 * The periodic side: delivers alerts whose first delivery never ran or whose retry is
	 * due, and settles alerts a crash left {@code sending}. Answers how many it handled.
	 */
	public int deliverDue() {
		int handled = 0;
		List<Claimed> batch;
		do {
			batch = this.alerts.claimDue(this.clock.instant(), BATCH);
			batch.forEach(this::deliver);
			handled += batch.size();
		}
		while (batch.size() == BATCH);
		Instant now = this.clock.instant();
		List<Claimed> stuck = this.alerts.claimStuckSending(now.minus(this.sending.reconcileAfter()), now, BATCH);
		stuck.forEach(this::reconcile);
		return handled + stuck.size();
	}

	private void deliver(Claimed alert) {
		try {
			if (alert.sms()) {
				deliverSms(alert);
			}
			else {
				deliverEmail(alert);
			}
		}
		catch (RuntimeException ex) {
			// The outcome could not be stored: the alert stays sending for the
			// reconciliation.
			log.warn("Could not deliver or record staff alert {}: {}", alert.id(), ex.getMessage());
		}
	}

	private void deliverSms(Claimed alert) {
		SendOutcome outcome = this.gateway.send(new OutboundSms(alert.recipient(), alert.body()));
		Instant now = this.clock.instant();
		if (outcome instanceof SendOutcome.Accepted accepted) {
			this.alerts.markSent(alert.id(), accepted.sid(), now);
		}
		else if (outcome instanceof SendOutcome.Rejected rejected) {
			this.alerts.settle(alert.id(), "failed", "Provider error " + rejected.code() + ": " + rejected.message(),
					now);
		}
		else if (outcome instanceof SendOutcome.NotAccepted notAccepted) {
			retryOrFail(alert, notAccepted.code() + ": " + notAccepted.message(), now);
		}
		else if (outcome instanceof SendOutcome.Ambiguous ambiguous) {
			// Like a lead's message: never re-sent blindly, looked up by the
			// reconciliation.
			this.alerts.noteUncertain(alert.id(), ambiguous.code() + ": " + ambiguous.message(), now);
		}
	}

	private void deliverEmail(Claimed alert) {
		JavaMailSender sender = this.mail.getIfAvailable();
		Instant now = this.clock.instant();
		if (sender == null) {
			this.alerts.settle(alert.id(), "failed", "No SMTP server is configured (spring.mail.host)", now);
			return;
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.mailFrom());
		message.setTo(alert.recipient());
		message.setSubject(alert.subject());
		message.setText(alert.body());
		try {
			sender.send(message);
			this.alerts.markSent(alert.id(), null, this.clock.instant());
		}
		catch (MailParseException | MailPreparationException ex) {
			this.alerts.settle(alert.id(), "failed", "Not a valid e-mail: " + ex.getMessage(), now);
		}
		catch (MailException ex) {
			// The SMTP server did not confirm the message (down, refused, timed out): it
			// is tried again later.
			retryOrFail(alert, "SMTP: " + ex.getMessage(), now);
		}
	}

	private void retryOrFail(Claimed alert, String reason, Instant now) {
		if (alert.attempts() >= this.sending.maxAttempts()) {
			this.alerts.settle(alert.id(), "failed", reason + " (gave up after " + alert.attempts() + " attempts)",
					now);
			return;
		}
		Duration backoff = this.sending.initialBackoff().multipliedBy(1L << Math.min(alert.attempts() - 1, 16));
		this.alerts.requeue(alert.id(), reason, now.plus(backoff), now);
	}

	/**
	 * An SMS alert left {@code sending} is looked up at the provider; an e-mail cannot be
	 * looked up, so it becomes {@code unknown} rather than risk a second copy.
	 */
	private void reconcile(Claimed alert) {
		Instant now = this.clock.instant();
		if (!alert.sms()) {
			this.alerts.settle(alert.id(), "unknown", "Delivery was interrupted; the SMTP server may have it", now);
			return;
		}
		try {
			Optional<String> found = this.gateway
				.findAccepted(new OutboundSms(alert.recipient(), alert.body()), alert.createdAt().minusSeconds(60))
				.stream()
				.map(SmsGateway.ProviderMessage::sid)
				.filter((sid) -> !this.alerts.sidKnown(sid))
				.findFirst();
			if (found.isPresent()) {
				this.alerts.markSent(alert.id(), found.get(), now);
			}
			else {
				this.alerts.settle(alert.id(), "unknown", "The provider has no record of this alert", now);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not look up staff alert {} at the provider: {}", alert.id(), ex.getMessage());
			this.alerts.settle(alert.id(), "unknown", "The provider could not be asked whether it has this alert", now);
		}
	}

}
