package com.leadresponse.sources;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import com.leadresponse.lead.LeadSubmission;
import com.leadresponse.lead.SourceSubmissionIntake;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Thumbtack: each webhook delivery carries the HTTP Basic credentials chosen for the
 * webhook (set here, in the settings); a lead is a negotiation, its ID
 * {@code negotiationID}, with the customer, the category, the request's questions and
 * answers and its description. The event may come wrapped ({@code {"data": {...}}}) or
 * bare. A message event (it has a {@code messageID}) is kept under its own ID, so that it
 * never takes the place of its lead, which may arrive after it; a customer's message
 * ({@code "from": "Customer"}) for a lead that has arrived is also put into that lead's
 * conversation, as a reply.
 */
@Component
class ThumbtackConnector implements Connector {

	static final String NAME = "thumbtack";

	/** {@code from} of a message the customer wrote (the pro's own are {@code "Pro"}). */
	private static final String CUSTOMER = "Customer";

	private static final String CHALLENGE = "Basic realm=\"thumbtack\", charset=\"UTF-8\"";

	private final ConnectorSecrets secrets;

	private final SourceSubmissionIntake intake;

	ThumbtackConnector(ConnectorSecrets secrets, SourceSubmissionIntake intake) {
		this.secrets = secrets;
		this.intake = intake;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Optional<Refusal> check(SourceRequest request) {
		if (!this.secrets.isSet(this.secrets.thumbtackUsername)
				|| !this.secrets.isSet(this.secrets.thumbtackPassword)) {
			return refuse("No Thumbtack username and password are set (Settings, Lead sources)");
		}
		String authorization = request.headers().getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return refuse("The request has no HTTP Basic credentials");
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return refuse("The HTTP Basic credentials are not Base64");
		}
		int colon = decoded.indexOf(':');
		// Both compared, whatever the first says, so the time taken tells nothing.
		boolean user = colon >= 0 && this.secrets.matches(this.secrets.thumbtackUsername, decoded.substring(0, colon));
		boolean password = colon >= 0
				&& this.secrets.matches(this.secrets.thumbtackPassword, decoded.substring(colon + 1));
		if (!user || !password) {
			return refuse("The HTTP Basic credentials are not the Thumbtack username and password set here");
		}
		return Optional.empty();
	}

	private static Optional<Refusal> refuse(String reason) {
		return Optional.of(new Refusal(HttpStatus.UNAUTHORIZED, reason, CHALLENGE));
	}

	@Override
	public ResponseEntity<?> receive(SourceRequest request) {
		JsonNode body = request.json();
		JsonNode event = body.path("data").isObject() ? body.path("data") : body;
		String messageId = Payloads.first(event, "messageID");
		if (messageId != null) {
			LeadSubmission message = new LeadSubmission(NAME, "message:" + messageId, request.text(),
					new LeadSubmission.Fields(null, null, null, messageText(event), List.of()), false);
			if (CUSTOMER.equalsIgnoreCase(Payloads.first(event, "from"))) {
				this.intake.submitMessage(message, Payloads.first(event, "negotiationID"));
			}
			else {
				this.intake.submit(message);
			}
		}
		else {
			this.intake.submit(new LeadSubmission(NAME, Payloads.first(event, "negotiationID", "leadID"),
					request.text(), fields(event), false));
		}
		return ResponseEntity.ok(Map.of("status", "success"));
	}

	/**
	 * A message's text; one with attachments only says so, since the attachments stay on
	 * Thumbtack (their links need the business's Thumbtack sign-in).
	 */
	private static String messageText(JsonNode message) {
		String text = Payloads.first(message, "text", "message");
		if ((text == null || text.isBlank()) && !message.path("attachments").isEmpty()) {
			return "(sent an attachment on Thumbtack)";
		}
		return text;
	}

	/** The customer and the request, as Thumbtack names them. */
	static LeadSubmission.Fields fields(JsonNode negotiation) {
		JsonNode customer = negotiation.path("customer");
		List<LeadSubmission.Answer> answers = new ArrayList<>();
		Payloads.addIfPresent(answers, "Category", Payloads.text(negotiation.path("category"), "name"));
		JsonNode location = customer.path("location").isObject() ? customer.path("location")
				: negotiation.path("request").path("location");
		Payloads.addIfPresent(answers, "Location",
				String.join(", ",
						Stream
							.of(Payloads.text(location, "address1"), Payloads.text(location, "city"),
									Payloads.text(location, "state"), Payloads.text(location, "zipCode"))
							.filter((part) -> part != null && !part.isBlank())
							.toList()));
		answers.addAll(Payloads.answers(negotiation.path("details"), "question", "answer"));
		answers.addAll(Payloads.answers(negotiation.path("request").path("details"), "question", "answer"));
		String description = Payloads.first(negotiation, "description");
		if (description == null) {
			description = Payloads.first(negotiation.path("request"), "description");
		}
		return new LeadSubmission.Fields(Payloads.first(customer, "displayName", "name"),
				Payloads.first(customer, "phone", "phoneNumber"), Payloads.first(customer, "email"), description,
				answers);
	}

}
