package com.leadresponse.forms;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import com.leadresponse.system.ControlCharacters;

import org.springframework.util.MultiValueMap;

/**
 * What a person sent with a web form, as typed, and what is wrong with it, field by
 * field, in words for the person.
 */
record FormPost(String name, String phone, String email, String address, String job, boolean smsConsent,
		String honeypot, String token) {

	static final int MAX_NAME = 200;

	static final int MAX_PHONE = 40;

	static final int MAX_EMAIL = 320;

	static final int MAX_ADDRESS = 300;

	static final int MAX_JOB = 4000;

	/**
	 * The honeypot's field: hidden from people, filled by robots that fill every field.
	 */
	static final String HONEYPOT = "website";

	static final String TOKEN = "_ts";

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	static FormPost of(MultiValueMap<String, String> form) {
		return new FormPost(text(form, "name"), text(form, "phone"), text(form, "email"), text(form, "address"),
				text(form, "job"), "yes".equals(form.getFirst("smsConsent")), text(form, HONEYPOT),
				form.getFirst(TOKEN));
	}

	private static String text(MultiValueMap<String, String> form, String field) {
		String value = form.getFirst(field);
		return (value != null) ? value.strip() : "";
	}

	/** The mistakes by field name; empty when the post can become a lead. */
	Map<String, String> errors(WebForm form) {
		Map<String, String> errors = new LinkedHashMap<>();
		check(errors, "name", this.name, true, MAX_NAME, "Tell us your name.");
		check(errors, "phone", this.phone, true, MAX_PHONE, "Enter your mobile number, such as (512) 555-0134.");
		if (form.email().shown()) {
			check(errors, "email", this.email, form.email().required(), MAX_EMAIL, "Enter your e-mail address.");
			if (!errors.containsKey("email") && !this.email.isEmpty() && !EMAIL.matcher(this.email).matches()) {
				errors.put("email", "This is not an e-mail address. Use name@example.com.");
			}
		}
		if (form.address().shown()) {
			check(errors, "address", this.address, form.address().required(), MAX_ADDRESS,
					"Enter the job's address or ZIP code.");
		}
		if (form.job().shown()) {
			check(errors, "job", this.job, form.job().required(), MAX_JOB, "Tell us about the job.");
		}
		return errors;
	}

	private static void check(Map<String, String> errors, String field, String value, boolean required, int max,
			String missing) {
		if (value.isEmpty()) {
			if (required) {
				errors.put(field, missing);
			}
		}
		else if (value.length() > max) {
			errors.put(field, "This is too long: at most " + max + " characters.");
		}
		else if (ControlCharacters.in(value)) {
			errors.put(field, "Remove the special characters from this field.");
		}
	}

	/** The fields as the form shows them again after a mistake. */
	Map<String, String> values() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("name", ControlCharacters.without(this.name));
		values.put("phone", ControlCharacters.without(this.phone));
		values.put("email", ControlCharacters.without(this.email));
		values.put("address", ControlCharacters.without(this.address));
		values.put("job", ControlCharacters.without(this.job));
		return values;
	}

}
