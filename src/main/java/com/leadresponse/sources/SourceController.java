package com.leadresponse.sources;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The connectors' endpoints (SPEC 9): {@code POST /api/sources/{name}} checks the sender
 * before anything is read or stored, then hands the request to its connector; a refusal
 * is recorded for the sources page, without what was presented. {@code GET
 * /api/sources/facebook} is Meta's subscription check.
 */
@RestController
@RequestMapping("/api/sources")
class SourceController {

	private static final Logger log = LoggerFactory.getLogger(SourceController.class);

	private final Map<String, Connector> connectors;

	private final FacebookConnector facebook;

	private final SourceRefusals refusals;

	private final JsonMapper json;

	SourceController(List<Connector> connectors, FacebookConnector facebook, SourceRefusals refusals, JsonMapper json) {
		this.connectors = connectors.stream().collect(Collectors.toMap(Connector::name, Function.identity()));
		this.facebook = facebook;
		this.refusals = refusals;
		this.json = json;
	}

	@PostMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> receive(@PathVariable String name, @RequestHeader HttpHeaders headers,
			@RequestBody(required = false) byte[] body) {
		Connector connector = this.connectors.get(name);
		if (connector == null) {
			return problem(HttpStatus.NOT_FOUND, "Unknown lead source",
					"There is no connector named " + name + "; the connectors are " + String.join(", ", names()));
		}
		SourceRequest request = new SourceRequest(headers, body, this.json);
		try {
			Optional<Refusal> refusal = connector.check(request);
			if (refusal.isPresent()) {
				return refuse(connector, refusal.get());
			}
			return connector.receive(request);
		}
		catch (MalformedPayloadException ex) {
			this.refusals.record(connector.name(), ex.getMessage());
			return problem(HttpStatus.BAD_REQUEST, "Invalid lead", ex.getMessage());
		}
	}

	/** Meta's subscription check: the challenge as the body when the token matches. */
	@GetMapping(path = "/" + FacebookConnector.NAME)
	ResponseEntity<?> verifyFacebook(@RequestParam(name = "hub.mode", required = false) String mode,
			@RequestParam(name = "hub.verify_token", required = false) String token,
			@RequestParam(name = "hub.challenge", required = false) String challenge) {
		Optional<String> answer = this.facebook.verify(mode, token, challenge);
		if (answer.isEmpty()) {
			this.refusals.record(FacebookConnector.NAME,
					"A subscription check without the verify token (FACEBOOK_VERIFY_TOKEN) or a challenge");
			return problem(HttpStatus.FORBIDDEN, "Forbidden", "The verify token does not match");
		}
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(answer.get());
	}

	private ResponseEntity<?> refuse(Connector connector, Refusal refusal) {
		this.refusals.record(connector.name(), refusal.reason());
		log.info("Refused a post to the {} connector: {}", connector.name(), refusal.reason());
		ResponseEntity<ProblemDetail> answer = problem(refusal.status(),
				(refusal.status() == HttpStatus.UNAUTHORIZED) ? "Unauthorized" : "Forbidden", refusal.reason());
		if (refusal.challenge() != null) {
			return ResponseEntity.status(answer.getStatusCode())
				.header(HttpHeaders.WWW_AUTHENTICATE, refusal.challenge())
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(answer.getBody());
		}
		return answer;
	}

	private List<String> names() {
		return this.connectors.keySet().stream().sorted().toList();
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
