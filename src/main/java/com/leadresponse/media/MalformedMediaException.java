package com.leadresponse.media;

/**
 * A webhook whose media parameters contradict each other ({@code NumMedia} against the
 * {@code MediaUrl{N}} it sends): it can never be stored as sent, so it is answered 400.
 */
public final class MalformedMediaException extends RuntimeException {

	private MalformedMediaException(String message) {
		super(message, null, false, false);
	}

	static MalformedMediaException of(String message) {
		return new MalformedMediaException(message);
	}

}
