package com.leadresponse.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One statement a connection of the product sent, as the server logged it: its text with
 * {@code $n} placeholders and the values bound to them ({@code null} for SQL NULL).
 */
record RecordedStatement(String phase, int pid, String time, String sql, List<String> parameters) {

	private static final Set<String> TRANSACTION_CONTROL = Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK",
			"SAVEPOINT", "RELEASE");

	private static final Set<String> EXPLAINABLE = Set.of("SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "VALUES",
			"TABLE", "MERGE");

	/** The text with its white space collapsed: equal for every execution of it. */
	String normalized() {
		return this.sql.strip().replaceAll("\\s+", " ");
	}

	String firstWord() {
		String text = normalized();
		int space = text.indexOf(' ');
		return ((space < 0) ? text : text.substring(0, space)).replace(";", "").toUpperCase(Locale.ROOT);
	}

	boolean transactionControl() {
		return TRANSACTION_CONTROL.contains(firstWord());
	}

	/**
	 * db-scheduler's poll for due tasks, which its own thread sends every few seconds on
	 * whatever pooled connection it gets: not the work of the request it happens to fall
	 * within, so a request's capture leaves it out (the plan check still sees it).
	 */
	boolean isSchedulerPoll() {
		return normalized().toLowerCase(Locale.ROOT).startsWith("select * from scheduled_tasks where picked = ");
	}

	boolean explainable() {
		return EXPLAINABLE.contains(firstWord());
	}

	/**
	 * A short name for the report: a hash of the normalized text and its first words,
	 * {@code [3fa2c1d0] UPDATE leads SET status = ...}.
	 */
	String fingerprint() {
		String text = normalized();
		String words = (text.length() <= 60) ? text : text.substring(0, 57) + "...";
		return "[" + hash(text) + "] " + words;
	}

	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
