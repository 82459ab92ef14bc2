package com.leadresponse.forms;

import com.leadresponse.lead.IntakeRequest;
import com.leadresponse.lead.LeadIntake;

import org.springframework.stereotype.Component;

/**
 * The one place a web form hands a lead to the intake: the lead's {@code source} is the
 * form's name, its message the job description with the address; only a person who ticked
 * the SMS consent box is texted (the instant response, then the sequence), the others
 * wait for staff to call. A phone with an open lead is that lead (one person, one
 * conversation).
 */
@Component
class FormLeads {

	private final LeadIntake intake;

	FormLeads(LeadIntake intake) {
		this.intake = intake;
	}

	/**
	 * Stores the lead, or finds the open lead of the phone.
	 * @throws com.leadresponse.lead.InvalidLeadException when the phone is not a number
	 * the business texts
	 */
	void submit(WebForm form, FormPost post) {
		this.intake.intakeFromOwnSource(new IntakeRequest(post.name(), post.phone(), blankToNull(post.email()),
				form.name(), message(form, post), null), post.smsConsent(), true);
	}

	/** What staff read as the lead's message. */
	static String message(WebForm form, FormPost post) {
		StringBuilder message = new StringBuilder();
		if (form.job().shown() && !post.job().isEmpty()) {
			message.append(post.job());
		}
		if (form.address().shown() && !post.address().isEmpty()) {
			message.append((message.length() > 0) ? "\n" : "").append("Address or ZIP: ").append(post.address());
		}
		if (!post.smsConsent()) {
			message.append((message.length() > 0) ? "\n" : "")
				.append("No SMS consent: not texted; call or e-mail instead.");
		}
		return (message.length() > 0) ? message.toString() : null;
	}

	private static String blankToNull(String value) {
		return value.isEmpty() ? null : value;
	}

}
