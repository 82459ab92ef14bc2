package com.leadresponse.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A message's delivery status (SPEC 5.10), moved by the provider: the acceptance that
 * gives it its SID, then the status callbacks, which move it only forward ({@code queued}
 * &lt; {@code sending} &lt; {@code sent} &lt; {@code delivered}; {@code undelivered} and
 * {@code failed} are final), keeping the error code. A callback that comes before the SID
 * is stored waits for it ({@link EarlyStatusCallbacks}).
 */
@Service
public class DeliveryStatuses {

	private final DeliveryStatusRepository statuses;

	private final OutboxRepository outbox;

	private final EarlyStatusCallbacks early;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	DeliveryStatuses(DeliveryStatusRepository statuses, OutboxRepository outbox, EarlyStatusCallbacks early,
			ApplicationEventPublisher events, Clock clock) {
		this.statuses = statuses;
		this.outbox = outbox;
		this.early = early;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Applies a Twilio status callback, only forward. Statuses the product does not track
	 * (accepted, scheduled, receiving, ...) change nothing.
	 * @return the lead of the message when it moved
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<UUID> applyCallback(String sid, String twilioStatus, String errorCode) {
		MessageStatus status = MessageStatus.fromTwilio(twilioStatus);
		if (status == null) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		this.statuses.lockSid(sid);
		if (!this.statuses.applyDeliveryStatus(sid, status, errorCode, now)) {
			if (!this.statuses.sidStored(sid)) {
				this.early.park(sid, status, errorCode, now);
			}
			return Optional.empty();
		}
		return this.statuses.leadOfSid(sid);
	}

	/**
	 * Records the provider's acceptance of a message: its SID, {@code sent}, and any
	 * callback that came first. Runs in the caller's transaction.
	 */
	void accepted(OutboxRepository.Claimed message, String sid, String sender, Instant now) {
		this.statuses.lockSid(sid);
		this.outbox.markSent(message.id(), sid, sender, now);
		this.early.applyParked(sid, now);
		this.events.publishEvent(new SmsEvents.MessagesSent(List.of(new SmsEvents.MessageSent(message.leadId(),
				message.id(), message.sentById(), message.createdAt(), sid))));
	}

	/**
	 * As {@link #accepted}, for a batch the provider accepted: the SIDs locked, the
	 * messages marked {@code sent}, the parked callbacks taken and the batch announced,
	 * each in one statement for the whole batch. Runs in the caller's transaction.
	 */
	void acceptedAll(List<OutboxRepository.Claimed> messages, List<String> sids, String sender, Instant now) {
		this.statuses.lockSids(sids);
		this.outbox.markSent(messages.stream().map(OutboxRepository.Claimed::id).toList(), sids, sender, now);
		this.early.applyParked(sids, now);
		List<SmsEvents.MessageSent> sent = new ArrayList<>(messages.size());
		for (int i = 0; i < messages.size(); i++) {
			OutboxRepository.Claimed message = messages.get(i);
			sent.add(new SmsEvents.MessageSent(message.leadId(), message.id(), message.sentById(), message.createdAt(),
					sids.get(i)));
		}
		this.events.publishEvent(new SmsEvents.MessagesSent(sent));
	}

	/**
	 * Moves a message found at the provider to the status the provider has for it now:
	 * callbacks that came while it had no SID here matched nothing.
	 */
	void caughtUp(String sid, MessageStatus current, String errorCode, Instant now) {
		if (current != null && current.rank() > MessageStatus.SENT.rank()) {
			this.statuses.applyDeliveryStatus(sid, current, errorCode, now);
		}
	}

	/** Whether a SID belongs to a stored message. */
	boolean sidStored(String sid) {
		return this.statuses.sidStored(sid);
	}

}
