package com.leadresponse.system;

import java.sql.SQLException;

/**
 * Recognises a database error caused by a value no retry can store: PostgreSQL's data
 * exceptions (SQLSTATE class 22), such as a value longer than its column (22001) or a NUL
 * byte in text (22021). Such a request gets 400, never "retry shortly".
 */
final class UnstorableValue {

	private UnstorableValue() {
	}

	static boolean causedBy(Throwable error) {
		return sqlState(error) != null;
	}

	/** What the client is told: which kind of value, never the value itself. */
	static String detail(Throwable error) {
		String state = sqlState(error);
		String reason = switch ((state != null) ? state : "") {
			case "22001" -> "a value is longer than the field allows";
			case "22021" -> "a value contains a NUL byte or bytes that are not text";
			default -> "a value is not valid for its field";
		};
		return "This request cannot be stored: " + reason + ".";
	}

	private static String sqlState(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
				return sql.getSQLState();
			}
		}
		return null;
	}

}
