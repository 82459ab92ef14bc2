package com.leadresponse.sms;

import java.util.Locale;

/**
 * The life of a message (SPEC 4). Outbound messages move only forward along queued &lt;
 * sending &lt; sent &lt; delivered; undelivered and failed are final (SPEC 5.10).
 */
public enum MessageStatus {

	QUEUED(0), SENDING(1), SENT(2), DELIVERED(3), UNDELIVERED(4), FAILED(4), BLOCKED(4), RECEIVED(4), UNKNOWN(1);

	private final int rank;

	MessageStatus(int rank) {
		this.rank = rank;
	}

	/**
	 * The order in which delivery statuses may replace each other; a lower rank never
	 * overwrites a higher one.
	 */
	public int rank() {
		return this.rank;
	}

	public String dbValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * A status as Twilio names it (callbacks, the Messages list); null for those the
	 * product does not track (accepted, scheduled, receiving, ...).
	 */
	public static MessageStatus fromTwilio(String twilioStatus) {
		return switch ((twilioStatus != null) ? twilioStatus.toLowerCase(Locale.ROOT) : "") {
			case "queued" -> QUEUED;
			case "sending" -> SENDING;
			case "sent" -> SENT;
			case "delivered", "read" -> DELIVERED;
			case "undelivered" -> UNDELIVERED;
			case "failed", "canceled" -> FAILED;
			default -> null;
		};
	}

	public static MessageStatus fromDb(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
