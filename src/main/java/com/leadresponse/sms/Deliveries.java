package com.leadresponse.sms;

import org.springframework.stereotype.Service;

/**
 * The periodic side of the sending pipeline: sends queued messages whose first dispatch
 * never ran (a crash after commit) or whose retry is due, and settles messages a crash
 * left {@code sending}.
 */
@Service
public class Deliveries {

	private static final int BATCH = 500;

	private final MessageDispatcher dispatcher;

	Deliveries(MessageDispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	/** Answers how many messages were sent or settled. */
	public int settle() {
		return sendDue() + this.dispatcher.reconcileStuck();
	}

	/** Sends every due queued message now, in batches; answers how many. */
	public int sendDue() {
		return this.dispatcher.dispatchDue(BATCH);
	}

}
