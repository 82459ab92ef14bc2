package com.leadresponse.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.leadresponse.alert.StaffAlertRepository.Claimed;
import com.leadresponse.jobs.Backoff;
import com.leadresponse.sms.ProviderCalls;
import com.leadresponse.sms.SmsGateway.ProviderMessage;
import com.leadresponse.sms.SmsGateway.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Delivers one staff alert, as the background task {@code staff-alert}, with the sending
 * pipeline's provider call, outcome types and backoff (SPEC 5.9): an SMS the provider
 * surely did not take is tried again after the backoff; one whose outcome is uncertain is
 * looked up at the provider once it has had time to list it, never sent twice; an e-mail
 * whose delivery was interrupted becomes {@code unknown} rather than risk a second copy.
 */
@Component
class StaffAlertDelivery {

	private static final Logger log = LoggerFactory.getLogger(StaffAlertDelivery.class);

	/** The background task of one alert; its instance id and data are the alert's id. */
	static final TaskDescriptor<String> TASK = TaskDescriptor.of("staff-alert", String.class);

	private final StaffAlertRepository alerts;

	private final ProviderCalls provider;

	private final ObjectProvider<JavaMailSender> mail;

	private final AlertProperties properties;

	private final Clock clock;

	StaffAlertDelivery(StaffAlertRepository alerts, ProviderCalls provider, ObjectProvider<JavaMailSender> mail,
			AlertProperties properties, Clock clock) {
		this.alerts = alerts;
		this.provider = provider;
		this.mail = mail;
		this.properties = properties;
		this.clock = clock;
	}

	@Bean
	CustomTask<String> staffAlertTask() {
		Backoff backoff = this.provider.backoff();
		return Tasks.custom(TASK)
			.onFailure(backoff.failureHandler(
					(complete, attempts) -> log.warn("Gave up delivering staff alert {} after {} failed attempts",
							complete.getExecution().taskInstance.getId(), attempts)))
			.execute((instance, context) -> deliver(UUID.fromString(instance.getData())));
	}

	/** One run of the task: deliver, or settle a delivery left uncertain. */
	CompletionHandler<String> deliver(UUID alertId) {
		Instant now = this.clock.instant();
		Optional<Claimed> claimed = this.alerts.claim(alertId, now).stream().findFirst();
		if (claimed.isPresent()) {
			return claimed.get().sms() ? deliverSms(claimed.get()) : deliverEmail(claimed.get());
		}
		Optional<StaffAlertRepository.Stored> stored = this.alerts.find(alertId);
		if (stored.isEmpty() || !"sending".equals(stored.get().status())) {
			return done();
		}
		// Left sending by an uncertain answer or a crash: settled once the provider has
		// had time to list it.
		Instant settleAt = stored.get().sendingStartedAt().plus(this.provider.reconcileAfter());
		if (now.isBefore(settleAt)) {
			return retryAt(settleAt);
		}
		reconcile(stored.get().alert(), now);
		return done();
	}

	private CompletionHandler<String> deliverSms(Claimed alert) {
		SendOutcome outcome = this.provider.send(alert.recipient(), alert.body());
		Instant now = this.clock.instant();
		if (outcome instanceof SendOutcome.Accepted accepted) {
			this.alerts.markSent(alert.id(), accepted.sid(), now);
		}
		else if (outcome instanceof SendOutcome.Rejected rejected) {
			this.alerts.settle(alert.id(), "failed", "Provider error " + rejected.code() + ": " + rejected.message(),
					now);
		}
		else if (outcome instanceof SendOutcome.NotAccepted notAccepted) {
			return retryOrFail(alert, notAccepted.code() + ": " + notAccepted.message(), now);
		}
		else if (outcome instanceof SendOutcome.Ambiguous ambiguous) {
			// Like a lead's message: never re-sent blindly, looked up later.
			this.alerts.noteUncertain(alert.id(), ambiguous.code() + ": " + ambiguous.message(), now);
			return retryAt(now.plus(this.provider.reconcileAfter()));
		}
		return done();
	}

	private CompletionHandler<String> deliverEmail(Claimed alert) {
		JavaMailSender sender = this.mail.getIfAvailable();
		Instant now = this.clock.instant();
		if (sender == null) {
			this.alerts.settle(alert.id(), "failed", "No SMTP server is configured (spring.mail.host)", now);
			return done();
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.mailFrom());
		message.setTo(alert.recipient());
		message.setSubject(alert.subject());
		message.setText(alert.body());
		try {
			sender.send(message);
			this.alerts.markSent(alert.id(), null, this.clock.instant());
			return done();
		}
		catch (MailParseException | MailPreparationException ex) {
			this.alerts.settle(alert.id(), "failed", "Not a valid e-mail: " + ex.getMessage(), now);
			return done();
		}
		catch (MailException ex) {
			// The SMTP server did not confirm the message (down, refused, timed out): it
			// is tried again later.
			return retryOrFail(alert, "SMTP: " + ex.getMessage(), now);
		}
	}

	private CompletionHandler<String> retryOrFail(Claimed alert, String reason, Instant now) {
		Backoff backoff = this.provider.backoff();
		if (backoff.exhausted(alert.attempts())) {
			this.alerts.settle(alert.id(), "failed", reason + " (gave up after " + alert.attempts() + " attempts)",
					now);
			return done();
		}
		Instant next = now.plus(backoff.delayAfter(alert.attempts()));
		this.alerts.requeue(alert.id(), reason, next, now);
		return retryAt(next);
	}

	/**
	 * An SMS alert left {@code sending} is looked up at the provider; an e-mail cannot be
	 * looked up, so it becomes {@code unknown} rather than risk a second copy.
	 */
	private void reconcile(Claimed alert, Instant now) {
		if (!alert.sms()) {
			this.alerts.settle(alert.id(), "unknown", "Delivery was interrupted; the SMTP server may have it", now);
			return;
		}
		try {
			Optional<ProviderMessage> found = this.provider.findUnrecorded(alert.recipient(), alert.body(),
					alert.createdAt(), this.alerts::sidKnown);
			if (found.isPresent()) {
				this.alerts.markSent(alert.id(), found.get().sid(), now);
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

	private static CompletionHandler<String> done() {
		return (complete, operations) -> operations.remove();
	}

	private static CompletionHandler<String> retryAt(Instant at) {
		return (complete, operations) -> operations.reschedule(complete, at);
	}

}
