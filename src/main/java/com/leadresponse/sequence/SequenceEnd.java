package com.leadresponse.sequence;

import java.util.UUID;

import com.leadresponse.sms.SmsEvents;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one home of "end the sequence" (SPEC 5.3, 5.6, 5.7, 5.9, 5.10): no follow-up is due
 * any more, and the reason it first ended for is kept. Statements that end a sequence as
 * part of a larger change of the same row (a reply, a close, an expiry batch) embed
 * {@link #ENDS}; the others call this class.
 */
@Component
public class SequenceEnd {

	/**
	 * The assignments that end a lead's sequence, for an {@code UPDATE leads SET}; the
	 * statement binds {@code :endedReason}. A sequence already ended keeps its reason.
	 */
	public static final String ENDS = """
			next_followup_at = NULL,
			sequence_ended_reason = CASE WHEN next_followup_at IS NOT NULL THEN :endedReason
			                             ELSE sequence_ended_reason END""";

	private final JdbcClient jdbc;

	SequenceEnd(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Ends one lead's sequence, in the caller's transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void end(UUID leadId, EndReason reason) {
		this.jdbc.sql("UPDATE leads SET " + ENDS + " WHERE id = :id AND next_followup_at IS NOT NULL")
			.param("id", leadId)
			.param("endedReason", reason.text())
			.update();
	}

	/** An opted-out number: every lead with it stops getting follow-ups (SPEC 5.7). */
	@EventListener
	void onOptedOut(SmsEvents.OptedOut event) {
		this.jdbc.sql("UPDATE leads SET " + ENDS + " WHERE phone = :phone AND next_followup_at IS NOT NULL")
			.param("phone", event.phone())
			.param("endedReason", EndReason.OPTED_OUT.text())
			.update();
	}

	/** A number the provider refused for good (SPEC 5.9: 21211, 21614, 21610). */
	@EventListener
	void onPermanentFailure(SmsEvents.PermanentFailure event) {
		end(event.leadId(), EndReason.providerError(event.errorCode(), event.reason()));
	}

}
