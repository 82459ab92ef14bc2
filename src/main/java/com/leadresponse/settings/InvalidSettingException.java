package com.leadresponse.settings;

/**
 * A setting's value that cannot be stored, with the sentence that says why, shown next to
 * the field on the settings page and in the settings API's 400 (SPEC 3).
 */
public final class InvalidSettingException extends Exception {

	public InvalidSettingException(String message) {
		super(message, null, false, false);
	}

}
