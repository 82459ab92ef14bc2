package com.leadresponse.sources;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import com.leadresponse.lead.LeadSubmission;
import com.leadresponse.lead.SourceSubmissionIntake;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Angi (Angi Leads, HomeAdvisor): a JSON post per lead, checked by the {@code x-api-key}
 * header (the only mechanism Angi offers); the lead's ID is {@code leadOid}. Angi expects
 * 200 {@code {"status": "success"}}, for a lead it sent before as well.
 */
@Component
class AngiConnector implements Connector {

	static final String NAME = "angi";

	private static final Map<String, String> SUCCESS = Map.of("status", "success");

	private final ConnectorSecrets secrets;

	private final SourceSubmissionIntake intake;

	AngiConnector(ConnectorSecrets secrets, SourceSubmissionIntake intake) {
		this.secrets = secrets;
		this.intake = intake;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Optional<Refusal> check(SourceRequest request) {
		if (!this.secrets.isSet(this.secrets.angiApiKey)) {
			return Optional.of(Refusal.unauthorized("No Angi API key is set (Settings, Lead sources)"));
		}
		String key = request.headers().getFirst("x-api-key");
		if (key == null || key.isBlank()) {
			return Optional.of(Refusal.unauthorized("The request has no x-api-key header"));
		}
		if (!this.secrets.matches(this.secrets.angiApiKey, key.strip())) {
			return Optional.of(Refusal.unauthorized("The x-api-key header is not the Angi API key set here"));
		}
		return Optional.empty();
	}

	@Override
	public ResponseEntity<?> receive(SourceRequest request) {
		JsonNode lead = request.json();
		this.intake
			.submit(new LeadSubmission(NAME, Payloads.text(lead, "leadOid"), request.text(), fields(lead), false));
		return ResponseEntity.ok(SUCCESS);
	}

	/** The person, the task and Angi's interview questions, as Angi names them. */
	static LeadSubmission.Fields fields(JsonNode lead) {
		String name = Payloads.first(lead, "name");
		if (name == null) {
			name = Payloads.fullName(Payloads.text(lead, "firstName"), Payloads.text(lead, "lastName"));
		}
		List<LeadSubmission.Answer> answers = new java.util.ArrayList<>();
		Payloads.addIfPresent(answers, "Task", Payloads.text(lead, "taskName"));
		Payloads.addIfPresent(answers, "Address",
				String.join(", ",
						java.util.stream.Stream
							.of(Payloads.text(lead, "address"), Payloads.text(lead, "city"),
									Payloads.text(lead, "stateProvince"), Payloads.text(lead, "postalCode"))
							.filter((part) -> part != null && !part.isBlank())
							.toList()));
		answers.addAll(Payloads.answers(lead.path("interview"), "question", "answer"));
		Payloads.addIfPresent(answers, "Lead source", Payloads.text(lead, "leadSource"));
		return new LeadSubmission.Fields(name, Payloads.first(lead, "primaryPhone", "phone", "secondaryPhone"),
				Payloads.text(lead, "email"), Payloads.text(lead, "comments"), answers);
	}

}
