package com.leadresponse.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.leadresponse.sms.OutboxRepository.Claimed;
import com.leadresponse.sms.SmsGateway.ProviderMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles messages left {@code sending} (a crash, or an uncertain answer) by looking them
 * up at the provider: found, they become {@code sent} with the provider's SID and its
 * current status; not found, {@code unknown} for staff to check. Never re-sent blindly
 * (SPEC 5.9).
 */
@Component
class Reconciliation {

	private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

	private static final int BATCH = 100;

	private final OutboxRepository outbox;

	private final ProviderCalls provider;

	private final DeliveryStatuses statuses;

	private final EarlyStatusCallbacks early;

	private final TransactionTemplate transactions;

	private final Clock clock;

	Reconciliation(OutboxRepository outbox, ProviderCalls provider, DeliveryStatuses statuses,
			EarlyStatusCallbacks early, TransactionTemplate transactions, Clock clock) {
		this.outbox = outbox;
		this.provider = provider;
		this.statuses = statuses;
		this.early = early;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** Answers how many messages it settled. */
	int reconcileStuck() {
		Instant now = this.clock.instant();
		this.early.removeOlderThan(now.minus(Duration.ofDays(1)));
		List<Claimed> stuck = this.outbox.claimStuckSending(now.minus(this.provider.reconcileAfter()), now, BATCH);
		stuck.forEach(this::reconcile);
		return stuck.size();
	}

	private void reconcile(Claimed message) {
		Instant now = this.clock.instant();
		Optional<ProviderMessage> found;
		try {
			found = this.provider.findUnrecorded(message.to(), message.body(), message.createdAt(),
					this.statuses::sidStored);
		}
		catch (RuntimeException ex) {
			log.warn("Could not look up message {} at the provider: {}", message.id(), ex.getMessage());
			this.outbox.markUnknown(message.id(), "the provider could not be asked whether it has this message", now);
			return;
		}
		if (found.isEmpty()) {
			this.outbox.markUnknown(message.id(), "the provider has no record of this message", now);
			return;
		}
		ProviderMessage provided = found.get();
		log.info("Message {} left sending was found at the provider as {}", message.id(), provided.sid());
		this.transactions.executeWithoutResult((tx) -> {
			this.statuses.accepted(message, provided.sid(), this.provider.sender(), now);
			this.statuses.caughtUp(provided.sid(), MessageStatus.fromTwilio(provided.status()), provided.errorCode(),
					now);
		});
	}

}
