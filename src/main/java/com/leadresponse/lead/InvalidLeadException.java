package com.leadresponse.lead;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A lead's input that cannot be stored: 400 naming the field (SPEC 3). */
public final class InvalidLeadException extends ErrorResponseException {

	private final String pageMessage;

	private InvalidLeadException(String field, String message, String pageMessage) {
		super(HttpStatus.BAD_REQUEST, problem(field, message), null);
		this.pageMessage = pageMessage;
	}

	public static InvalidLeadException invalidPhone() {
		return new InvalidLeadException("phone",
				"must be a valid phone number that can receive SMS (E.164, or national in the business country)",
				"This is not a mobile number that can receive texts. Use +1 512 555 0134 or (512) 555-0134.");
	}

	/**
	 * The number belongs to a country the business does not text (SPEC 3
	 * {@code allowedCountries}).
	 */
	static InvalidLeadException countryNotTexted(String region, List<String> allowed) {
		String country = (region != null) ? new Locale("", region).getDisplayCountry(Locale.US) + " (" + region + ")"
				: "an unknown country";
		String allowedList = String.join(", ", allowed);
		return new InvalidLeadException("phone",
				"is a number in " + country + ", a country this business does not text (allowed: " + allowedList + ")",
				"This number is in " + country + ": texts go only to " + allowedList
						+ " (Settings, \"Countries whose numbers we text\").");
	}

	/** The sentence for staff, shown next to the phone field of a page's form. */
	public String pageMessage() {
		return this.pageMessage;
	}

	/** SPEC 11: a lead is given to an active staff account, or to nobody. */
	static InvalidLeadException unknownOwner() {
		return new InvalidLeadException("assignedTo", "must be the id of an enabled staff account, or null",
				"Choose someone who can sign in, or nobody.");
	}

	/** A text with neither words nor photos. */
	public static InvalidLeadException blankText() {
		return new InvalidLeadException("body", "must not be blank when no photo is attached",
				"Write a message or attach a photo first.");
	}

	private static ProblemDetail problem(String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + message);
		problem.setTitle("Invalid lead");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

}
