package com.leadresponse.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.leadresponse.calls.CallEvents;
import com.leadresponse.lead.Lead;
import com.leadresponse.lead.LeadEvents;
import com.leadresponse.lead.LeadIntake;
import com.leadresponse.lead.LeadStatus;
import com.leadresponse.outboundwebhook.OutboundWebhookEvents;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffUser;
import com.leadresponse.sms.SmsEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Staff alerts (SPEC 5.12, 8, 11): a new lead, a lead's reply, a missed call, automatic
 * texts paused by the hourly cap and a disabled webhook endpoint alert the configured
 * staff phones by SMS and, where SMTP is configured, the staff e-mail addresses. Each
 * alert is recorded and its delivery scheduled in the transaction of the event, so it is
 * neither lost when the process dies nor sent for an event that rolled back; it is
 * delivered by a background task ({@link StaffAlertDelivery}), never inside a
 * transaction, and never counts toward a lead's SMS limits.
 */
@Service
public class StaffAlerts {

	private static final Logger log = LoggerFactory.getLogger(StaffAlerts.class);

	static final String NEW_LEAD = "new_lead";

	static final String REPLY = "reply";

	static final String MISSED_CALL = "missed_call";
	static final String TEXTS_PAUSED = "texts_paused";

	static final String WEBHOOK_DISABLED = "webhook_disabled";

	/** Two SMS segments at most: an alert says who and what, the inbox has the rest. */
	static final int SMS_ALERT_LENGTH = 300;

	private final StaffAlertRepository alerts;

	private final AlertSettings settings;

	private final BusinessSettings business;

	/**
	 * Whether SMTP is configured ({@code spring.mail.host}): fixed at start-up, so it is
	 * asked once, not for every alert.
	 */
	private final boolean mail;

	private final SchedulerClient scheduler;

	private final StaffAccounts staff;

	private final Clock clock;

	StaffAlerts(StaffAlertRepository alerts, AlertSettings settings, BusinessSettings business,
			ObjectProvider<JavaMailSender> mail, SchedulerClient scheduler, StaffAccounts staff, Clock clock) {
		this.staff = staff;
		this.alerts = alerts;
		this.settings = settings;
		this.business = business;
		this.mail = mail.getIfAvailable() != null;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/**
	 * A new lead from a lead source. A lead created by an inbound SMS is announced by
	 * {@link #onLeadReplied} instead, with what it wrote, and a caller's by
	 * {@link #onCallMissed} if nobody answers (while the phones ring, staff know), so
	 * staff get one alert.
	 */
	@EventListener
	void onLeadCreated(LeadEvents.LeadCreated event) {
		Lead lead = event.lead();
		if (!event.announced() || lead.status() == LeadStatus.REPLIED || LeadIntake.CALL_SOURCE.equals(lead.source())) {
			return;
		}
		StringBuilder text = new StringBuilder("New lead: ").append(lead.name()).append(' ').append(lead.phone());
		if (lead.source() != null) {
			text.append(" (").append(lead.source()).append(')');
		}
		if (lead.message() != null) {
			text.append(": ").append(lead.message());
		}
		queue(lead.id(), NEW_LEAD, "New lead: " + lead.name(), text.toString(), recipientsOfNewLead(lead));
	}

	/**
	 * SPEC 11: the new-lead alert goes to the lead's owner where there is one: by SMS to
	 * the phone they set for alerts, by e-mail to their sign-in address where SMTP is
	 * configured. An owner that neither reaches is no owner to alert, and the configured
	 * recipients are alerted instead, so no new lead goes unannounced.
	 */
	private AlertSettings.Recipients recipientsOfNewLead(Lead lead) {
		if (lead.assignedTo() == null) {
			return this.settings.recipients();
		}
		Optional<StaffUser> owner = this.staff.find(lead.assignedTo());
		if (owner.isEmpty() || (owner.get().alertPhone() == null && !this.mail)) {
			return this.settings.recipients();
		}
		return new AlertSettings.Recipients(
				(owner.get().alertPhone() != null) ? List.of(owner.get().alertPhone()) : List.of(),
				List.of(owner.get().email()));
	}

	@EventListener
	void onLeadReplied(LeadEvents.LeadReplied event) {
		Lead lead = event.lead();
		String text = event.newLead() ? "New lead by SMS from " + lead.phone() + ": " + event.body()
				: lead.name() + " " + lead.phone() + " replied: " + event.body();
		String subject = event.newLead() ? "New lead by SMS from " + lead.phone() : "Reply from " + lead.name();
		queue(lead.id(), REPLY, subject, text);
	}

	/** SPEC 8: a missed call, from a lead or from a withheld number. */
	@EventListener
	void onCallMissed(CallEvents.CallMissed event) {
		Lead lead = event.lead();
		String caller = (lead == null) ? "a withheld number"
				: lead.name().equals(lead.phone()) ? lead.phone() : lead.name() + " " + lead.phone();
		String text = "Missed call from " + caller;
		queue((lead != null) ? lead.id() : null, MISSED_CALL, text, text);
	}

	/**
	 * The hour's automatic texts reached the cap (SPEC 3 {@code outboundHourlyCap}): a
	 * flood of leads, or a lead source turned into an SMS pump. Sent once per hour.
	 */
	@EventListener
	void onAutomaticTextsPaused(SmsEvents.AutomaticTextsPaused event) {
		String resume = DateTimeFormatter.ofPattern("h:mm a", Locale.US)
			.format(event.resumeAt().atZone(this.business.zone()));
		String text = "Automatic texts paused: " + event.cap()
				+ " went out this hour, the limit set in Settings. The others wait and go out from " + resume
				+ ". Check the inbox for a flood of leads you do not know.";
		queue(null, TEXTS_PAUSED, "Automatic texts paused until " + resume, text);
	}

	/**
	 * SPEC 11: an outbound webhook endpoint kept failing and was disabled; the business's
	 * other system gets nothing until an admin enables it again.
	 */
	@EventListener
	void onWebhookEndpointDisabled(OutboundWebhookEvents.EndpointDisabled event) {
		String text = "Webhook endpoint disabled: " + event.url() + " (" + event.reason()
				+ "). It gets no events until an admin enables it in Settings, Webhooks.";
		queue(null, WEBHOOK_DISABLED, "Webhook endpoint disabled: " + event.url(), text);
	}

	private void queue(UUID leadId, String event, String subject, String text) {
		queue(leadId, event, subject, text, this.settings.recipients());
	}

	private void queue(UUID leadId, String event, String subject, String text, AlertSettings.Recipients recipients) {
		Instant now = this.clock.instant();
		String smsText = (text.length() > SMS_ALERT_LENGTH) ? text.substring(0, SMS_ALERT_LENGTH - 1) + "…" : text;
		for (String phone : recipients.phones()) {
			schedule(this.alerts.insert(leadId, event, "sms", phone, null, smsText, now), now);
		}
		if (this.mail) {
			for (String email : recipients.emails()) {
				schedule(this.alerts.insert(leadId, event, "email", email, subject, text, now), now);
			}
		}
		else if (!recipients.emails().isEmpty()) {
			log.debug("Staff alert e-mail addresses are set but no SMTP server (spring.mail.host): SMS only");
		}
	}

	/** In the event's transaction: the delivery exists exactly when the alert does. */
	private void schedule(UUID alertId, Instant now) {
		this.scheduler
			.schedule(StaffAlertDelivery.TASK.instance(alertId.toString()).data(alertId.toString()).scheduledTo(now));
	}

}
