package com.leadresponse.sources;

/** A checked sender's body is not what its source sends: 400, nothing stored. */
class MalformedPayloadException extends RuntimeException {

	private MalformedPayloadException(String message) {
		super(message);
	}

	static MalformedPayloadException notJson() {
		return new MalformedPayloadException("The body is not a JSON object.");
	}

	static MalformedPayloadException wrongShape(String what) {
		return new MalformedPayloadException(what);
	}

}
