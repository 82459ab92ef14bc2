package com.leadresponse.inbox;

import java.util.Locale;

/**
 * How a call reads to staff, in the conversation and in the inbox's preview alike (SPEC
 * 8: "Missed call", "Answered, 3 min", "Voicemail 0:42").
 */
final class CallWords {

	private CallWords() {
	}

	/** What became of a call: its {@code calls.status} and, once answered, its length. */
	static String headline(String status, Integer durationSeconds) {
		return switch (status) {
			case "answered" ->
				(durationSeconds != null && durationSeconds > 0) ? "Answered, " + length(durationSeconds) : "Answered";
			case "missed" -> "Missed call";
			default -> "Calling…";
		};
	}

	/** "Voicemail 0:42", as a player shows a recording's length. */
	static String voicemail(Integer durationSeconds) {
		int seconds = (durationSeconds != null) ? Math.max(0, durationSeconds) : 0;
		return String.format(Locale.US, "Voicemail %d:%02d", seconds / 60, seconds % 60);
	}

	/** A conversation's length as people say it: "45 s", "3 min", "1 h 5 min". */
	private static String length(int seconds) {
		if (seconds < 60) {
			return seconds + " s";
		}
		long minutes = Math.round(seconds / 60.0);
		return (minutes < 60) ? minutes + " min"
				: (minutes / 60) + " h" + ((minutes % 60 != 0) ? " " + (minutes % 60) + " min" : "");
	}

}
