package com.leadresponse.sources;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.leadresponse.lead.LeadSubmission;
import com.leadresponse.lead.SourceSubmissionIntake;

import java.time.Clock;
import java.time.Instant;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Meta Lead Ads (Facebook, Instagram): the webhook subscription is verified with
 * {@code hub.challenge} when {@code hub.verify_token} is {@code FACEBOOK_VERIFY_TOKEN};
 * every post is signed ({@code X-Hub-Signature-256}, HMAC-SHA256 of the raw body with
 * {@code FACEBOOK_APP_SECRET}). A post carries only IDs: each {@code leadgen} change is
 * stored as a submission waiting for its details, with a {@code facebook-lead-read} task
 * in the same transaction, and answered at once; the task reads the lead from the Graph
 * API after the answer. A {@code leadgen_id} delivered twice is one submission.
 */
@Component
class FacebookConnector implements Connector {

	static final String NAME = "facebook";

	private final FacebookProperties properties;

	private final SourceSubmissionIntake intake;

	private final SchedulerClient scheduler;

	private final FacebookForms forms;

	private final Clock clock;

	FacebookConnector(FacebookProperties properties, SourceSubmissionIntake intake, SchedulerClient scheduler,
			FacebookForms forms, Clock clock) {
		this.properties = properties;
		this.intake = intake;
		this.scheduler = scheduler;
		this.forms = forms;
		this.clock = clock;
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * The subscription's verification: the challenge back when the token is ours (Meta
	 * then subscribes the URL), else empty (403).
	 */
	Optional<String> verify(String mode, String token, String challenge) {
		if (!this.properties.verifiable() || !"subscribe".equals(mode) || token == null || challenge == null
				|| !challenge.matches("[0-9A-Za-z_-]{1,200}")) {
			return Optional.empty();
		}
		boolean ours = MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
				this.properties.verifyToken().getBytes(StandardCharsets.UTF_8));
		return ours ? Optional.of(challenge) : Optional.empty();
	}

	@Override
	public Optional<Refusal> check(SourceRequest request) {
		if (!this.properties.signed()) {
			return Optional.of(Refusal.forbidden("FACEBOOK_APP_SECRET is not set: no post can be verified"));
		}
		String signature = request.headers().getFirst("X-Hub-Signature-256");
		if (signature == null || !signature.startsWith("sha256=")) {
			return Optional.of(Refusal.forbidden("The request has no X-Hub-Signature-256 header"));
		}
		byte[] presented;
		try {
			presented = HexFormat.of().parseHex(signature.substring(7).strip().toLowerCase(java.util.Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return Optional.of(Refusal.forbidden("The X-Hub-Signature-256 header is not hex"));
		}
		if (!MessageDigest.isEqual(presented, hmac(request.body()))) {
			return Optional.of(Refusal.forbidden("The X-Hub-Signature-256 does not match the body and the app secret"));
		}
		return Optional.empty();
	}

	private byte[] hmac(byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.properties.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(body);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	@Transactional
	public ResponseEntity<?> receive(SourceRequest request) {
		JsonNode body = request.json();
		if (!"page".equals(Payloads.text(body, "object"))) {
			throw MalformedPayloadException.wrongShape("The body is not a Page webhook (object must be \"page\").");
		}
		Instant now = this.clock.instant();
		for (String leadgenId : leadgenIds(body)) {
			Optional<UUID> waiting = this.intake.awaitDetails(NAME, leadgenId, request.text());
			// Scheduled in the submission's transaction: the read exists exactly when the
			// submission does, and a replay schedules none.
			waiting.ifPresent((id) -> this.scheduler
				.schedule(FacebookLeadRead.TASK.instance(id.toString()).data(id.toString()).build(), now));
		}
		// Each form is read back from now on, to fill a gap its webhooks may leave.
		this.forms.seen(formIds(body), now, now.plus(this.properties.backfillInterval()));
		return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("EVENT_RECEIVED");
	}

	/** Every {@code leadgen} change's {@code leadgen_id}, of every entry. */
	static List<String> leadgenIds(JsonNode body) {
		return leadgenValues(body, "leadgen_id", (id) -> !id.isBlank());
	}

	/** Every {@code leadgen} change's {@code form_id}, of every entry. */
	static List<String> formIds(JsonNode body) {
		return leadgenValues(body, "form_id", (id) -> id.matches("[0-9]{1,40}"));
	}

	/**
	 * One field of every {@code leadgen} change's value, of every entry, each once, where
	 * {@code usable}.
	 */
	private static List<String> leadgenValues(JsonNode body, String field, Predicate<String> usable) {
		List<String> ids = new ArrayList<>();
		for (JsonNode entry : body.path("entry")) {
			for (JsonNode change : entry.path("changes")) {
				String id = Payloads.text(change.path("value"), field);
				if ("leadgen".equals(Payloads.text(change, "field")) && id != null && usable.test(id)
						&& !ids.contains(id)) {
					ids.add(id);
				}
			}
		}
		return ids;
	}

	/**
	 * The lead's fields as Graph names them; every other field as a question and answer.
	 */
	static LeadSubmission.Fields fields(JsonNode lead) {
		String fullName = null;
		String firstName = null;
		String lastName = null;
		String phone = null;
		String email = null;
		List<LeadSubmission.Answer> answers = new ArrayList<>();
		for (JsonNode field : lead.path("field_data")) {
			String name = Payloads.text(field, "name");
			List<String> values = new ArrayList<>();
			field.path("values").forEach((value) -> values.add(value.asString("")));
			String value = String.join(", ", values);
			switch ((name != null) ? name : "") {
				case "full_name" -> fullName = value;
				case "first_name" -> firstName = value;
				case "last_name" -> lastName = value;
				case "phone_number" -> phone = value;
				case "email" -> email = value;
				default -> Payloads.addIfPresent(answers, (name != null) ? name.replace('_', ' ') : "Answer", value);
			}
		}
		return new LeadSubmission.Fields((fullName != null) ? fullName : Payloads.fullName(firstName, lastName), phone,
				email, null, answers);
	}

}
