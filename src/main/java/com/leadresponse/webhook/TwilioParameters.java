package com.leadresponse.webhook;

import java.util.Map;
import java.util.regex.Pattern;

import com.leadresponse.system.ControlCharacters;

import org.springframework.http.HttpStatus;

/**
 * The checks of the Twilio parameters the product stores, made before anything is stored:
 * a value Twilio never sends (a {@code MessageSid} that is not a message SID, a number
 * longer than its column, a NUL byte in a number or an error code) can never be stored,
 * so the request is answered 400 (never "retry shortly"), logged as one line. The text of
 * an inbound message is not checked here: it is never refused (SPEC 5.11).
 */
final class TwilioParameters {

	/** A message SID: two letters ({@code SM}, {@code MM}) and 32 hex digits. */
	private static final Pattern MESSAGE_SID = Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}");

	/** A status as Twilio names them ({@code delivered}, {@code partially_delivered}). */
	private static final Pattern STATUS = Pattern.compile("[a-z_]{1,30}");

	/** Twilio error codes are numbers (30003). */
	private static final Pattern ERROR_CODE = Pattern.compile("[0-9]{1,20}");

	/** {@code leads.phone} and {@code messages.to_phone} are varchar(20). */
	static final int MAX_NUMBER = 20;

	private TwilioParameters() {
	}

	/** An inbound SMS: its SID, and the numbers it came from and went to. */
	static void requireInbound(Map<String, String> params) {
		requireSid(params);
		requireNumber(params, "From");
		requireNumber(params, "To");
	}

	/** A status callback: its SID, its status and, when there is one, its error code. */
	static void requireStatusCallback(Map<String, String> params) {
		requireSid(params);
		require(params, "MessageStatus", STATUS.matcher(present(params, "MessageStatus")).matches(),
				"is not a Twilio message status");
		String errorCode = params.get("ErrorCode");
		if (errorCode != null && !errorCode.isBlank()) {
			require(params, "ErrorCode", ERROR_CODE.matcher(errorCode).matches(), "is not a Twilio error code");
		}
	}

	private static void requireSid(Map<String, String> params) {
		String sid = present(params, "MessageSid");
		require(params, "MessageSid", MESSAGE_SID.matcher(sid).matches(), (sid.length() > 34)
				? "is longer than a Twilio message SID (34 characters)" : "is not a Twilio message SID");
	}

	private static void requireNumber(Map<String, String> params, String name) {
		String number = present(params, name).strip();
		require(params, name, !ControlCharacters.in(number), "contains control characters");
		require(params, name, number.length() <= MAX_NUMBER, "is longer than " + MAX_NUMBER + " characters");
	}

	private static String present(Map<String, String> params, String name) {
		String value = params.get(name);
		if (value == null || value.isBlank()) {
			throw refused("Missing Twilio parameter " + name);
		}
		return value;
	}

	private static void require(Map<String, String> params, String name, boolean valid, String problem) {
		if (!valid) {
			throw refused("Twilio parameter " + name + " " + problem);
		}
	}

	/** The reason names the parameter, never its value: the client-error log line. */
	private static WebhookRejectedException refused(String reason) {
		return new WebhookRejectedException(HttpStatus.BAD_REQUEST, reason);
	}

}
