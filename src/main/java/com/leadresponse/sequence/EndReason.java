package com.leadresponse.sequence;

/**
 * Why a lead's sequence ended, as staff read it ({@code leads.sequence_ended_reason}). A
 * sequence ends once: the reason it first ended for is the one kept.
 */
public record EndReason(Kind kind, String text) {

	/** The rules that end a sequence (SPEC 5.3, 5.6, 5.7, 5.9, 5.10). */
	public enum Kind {

		/** The lead texted in (5.3). */
		REPLIED,
		/** Staff closed the lead as won or lost (5.3). */
		CLOSED,
		/** Every step was sent. */
		COMPLETED,
		/** The sequence ran out of time (5.6). */
		EXPIRED,
		/** The number opted out (5.7). */
		OPTED_OUT,
		/** The provider refused the number for good (5.9). */
		PROVIDER_ERROR,
		/** The carrier reports the number cannot get texts (5.10). */
		UNREACHABLE

	}

	public static final EndReason REPLIED = new EndReason(Kind.REPLIED, "Lead replied");

	public static final EndReason COMPLETED = new EndReason(Kind.COMPLETED, "Sequence completed");

	public static final EndReason OPTED_OUT = new EndReason(Kind.OPTED_OUT, "Opted out");

	/** "Closed as won", "Closed as lost". */
	public static EndReason closedAs(String status) {
		return new EndReason(Kind.CLOSED, "Closed as " + status);
	}

	/** SPEC 5.6's text, with the configured period: "Sequence expired (30 days)". */
	public static EndReason expired(int days) {
		return new EndReason(Kind.EXPIRED, "Sequence expired (" + days + " days)");
	}

	public static EndReason providerError(String code, String message) {
		return new EndReason(Kind.PROVIDER_ERROR, "Provider error " + code + ": " + message);
	}

	public static EndReason unreachable(String code) {
		return new EndReason(Kind.UNREACHABLE, "Provider error " + code);
	}

}
