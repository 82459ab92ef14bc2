package com.leadresponse.periodic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one periodic pass did, counted by figure: {@link #FOLLOW_UPS_SENT},
 * {@link #SEQUENCES_EXPIRED} and {@link #WEBHOOK_RECORDS_REMOVED} are the cron answer's
 * {@code processed}, {@code expired} and {@code cleaned} (SPEC 3); tasks may count other
 * figures for the log.
 */
public final class PassReport {

	public static final String FOLLOW_UPS_SENT = "follow-ups sent";

	public static final String SEQUENCES_EXPIRED = "sequences expired";

	public static final String WEBHOOK_RECORDS_REMOVED = "webhook records removed";

	private final Map<String, Integer> counts = new LinkedHashMap<>();

	public void count(String figure, int n) {
		this.counts.merge(figure, n, Integer::sum);
	}

	public int get(String figure) {
		return this.counts.getOrDefault(figure, 0);
	}

	boolean anything() {
		return this.counts.values().stream().anyMatch((n) -> n > 0);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		this.counts
			.forEach((figure, n) -> text.append((text.length() > 0) ? ", " : "").append(n).append(' ').append(figure));
		return text.toString();
	}

}
