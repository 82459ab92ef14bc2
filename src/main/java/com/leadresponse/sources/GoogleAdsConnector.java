package com.leadresponse.sources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import com.leadresponse.lead.LeadSubmission;
import com.leadresponse.lead.SourceSubmissionIntake;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Google Ads lead forms: Google posts each lead as JSON with the form's key in
 * {@code google_key} (no signature) and the answers in {@code user_column_data}; the
 * lead's ID is {@code lead_id}. The form's "send test data" sends {@code is_test: true}:
 * such a lead is stored and marked, never texted. Google asks for a 200 on success and
 * for unknown fields to be ignored.
 */
@Component
class GoogleAdsConnector implements Connector {

	static final String NAME = "google-ads";

	private final ConnectorSecrets secrets;

	private final SourceSubmissionIntake intake;

	GoogleAdsConnector(ConnectorSecrets secrets, SourceSubmissionIntake intake) {
		this.secrets = secrets;
		this.intake = intake;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Optional<Refusal> check(SourceRequest request) {
		if (!this.secrets.isSet(this.secrets.googleAdsKey)) {
			return Optional.of(Refusal.unauthorized("No Google Ads key is set (Settings, Lead sources)"));
		}
		String key = Payloads.text(request.json(), "google_key");
		if (key == null || key.isBlank()) {
			return Optional.of(Refusal.unauthorized("The lead has no google_key"));
		}
		if (!this.secrets.matches(this.secrets.googleAdsKey, key)) {
			return Optional.of(Refusal.unauthorized("The google_key is not the key set here"));
		}
		return Optional.empty();
	}

	@Override
	public ResponseEntity<?> receive(SourceRequest request) {
		JsonNode lead = request.json();
		boolean test = lead.path("is_test").asBoolean(false);
		this.intake
			.submit(new LeadSubmission(NAME, Payloads.text(lead, "lead_id"), withoutKey(lead), fields(lead), test));
		return ResponseEntity.ok(Map.of());
	}

	/**
	 * The body as received but for its {@code google_key}: the key is stored only as a
	 * hash, in the settings.
	 */
	private static String withoutKey(JsonNode lead) {
		tools.jackson.databind.node.ObjectNode copy = ((tools.jackson.databind.node.ObjectNode) lead).deepCopy();
		copy.put("google_key", "(checked, not stored)");
		return copy.toString();
	}

	/**
	 * The person from the standard columns; every other column as a question and answer.
	 */
	static LeadSubmission.Fields fields(JsonNode lead) {
		String fullName = null;
		String firstName = null;
		String lastName = null;
		String phone = null;
		String email = null;
		List<LeadSubmission.Answer> answers = new ArrayList<>();
		for (JsonNode column : lead.path("user_column_data")) {
			String id = Payloads.text(column, "column_id");
			String value = Payloads.text(column, "string_value");
			switch ((id != null) ? id : "") {
				case "FULL_NAME" -> fullName = value;
				case "FIRST_NAME" -> firstName = value;
				case "LAST_NAME" -> lastName = value;
				case "PHONE_NUMBER" -> phone = value;
				case "EMAIL" -> email = value;
				default -> {
					String question = Payloads.first(column, "column_name", "column_id");
					Payloads.addIfPresent(answers, (question != null) ? question : "Answer", value);
				}
			}
		}
		String name = (fullName != null) ? fullName : Payloads.fullName(firstName, lastName);
		return new LeadSubmission.Fields(name, phone, email, null, answers);
	}

}
