package com.leadresponse.sms;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The sending pipeline's share of the periodic pass, also run every few seconds: sends
 * queued messages whose first dispatch never ran (a crash after commit) or whose retry is
 * due, and settles messages left {@code sending}.
 */
@Component
@Order(40)
class Deliveries implements PeriodicTask {

	private static final int BATCH = 500;

	private final MessageDispatcher dispatcher;

	private final Reconciliation reconciliation;

	Deliveries(MessageDispatcher dispatcher, Reconciliation reconciliation) {
		this.dispatcher = dispatcher;
		this.reconciliation = reconciliation;
	}

	@Override
	public void run(PassReport report) {
		report.count("messages settled", settle());
	}

	@Override
	public boolean frequent() {
		return true;
	}

	/** Answers how many messages were sent or settled. */
	int settle() {
		return sendDue() + this.reconciliation.reconcileStuck();
	}

	/** Sends every due queued message now, in batches; answers how many. */
	int sendDue() {
		return this.dispatcher.dispatchDue(BATCH);
	}

}
