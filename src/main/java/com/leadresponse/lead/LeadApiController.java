package com.leadresponse.lead;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.leadresponse.media.MediaItem;
import com.leadresponse.media.MessageMedia;
import com.leadresponse.media.OutboundMedia;
import com.leadresponse.sequence.ExpirySettings;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.settings.StaffPrincipal;
import com.leadresponse.sms.Conversation;
import com.leadresponse.sms.Message;
import com.leadresponse.sms.OptOuts;
import com.leadresponse.sms.OutboundMessages;
import com.leadresponse.sms.OutboundMessages.QueueResult;
import com.leadresponse.sms.RateLimitStatus;
import com.leadresponse.sms.SmsSettings;
import com.leadresponse.system.NoControlCharacters;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.multipart.MultipartFile;

import java.time.Clock;

/** The lead intake and staff JSON API of SPEC 3. */
@RestController
@RequestMapping("/api/leads")
class LeadApiController {

	private final LeadIntake intake;

	private final IntakeRateLimit intakeRate;

	private final Leads leads;

	private final Conversation conversation;

	private final SmsSettings sms;

	private final BusinessSettings business;

	private final ExpirySettings expiry;

	private final LeadCalls calls;

	private final Clock clock;

	private final MessageMedia media;

	private final LeadSubmissions submissions;

	LeadApiController(LeadIntake intake, IntakeRateLimit intakeRate, Leads leads, Conversation conversation,
			SmsSettings sms, BusinessSettings business, ExpirySettings expiry, LeadCalls calls, MessageMedia media,
			LeadSubmissions submissions, Clock clock) {
		this.media = media;
		this.submissions = submissions;
		this.intake = intake;
		this.intakeRate = intakeRate;
		this.leads = leads;
		this.conversation = conversation;
		this.calls = calls;
		this.sms = sms;
		this.business = business;
		this.expiry = expiry;
		this.clock = clock;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> intakeJson(@Valid @RequestBody IntakeRequest request,
			@RequestHeader(name = "Idempotency-Key",
					required = false) @Size(max = 255) @NoControlCharacters String idempotencyKey,
			Authentication client) {
		return intake(request, client, idempotencyKey);
	}

	@PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<?> intakeForm(@Valid @ModelAttribute IntakeRequest request,
			@RequestHeader(name = "Idempotency-Key",
					required = false) @Size(max = 255) @NoControlCharacters String idempotencyKey,
			Authentication client) {
		return intake(request, client, idempotencyKey);
	}

	/**
	 * The intake answer: the lead a request created (201); for a phone with an open lead,
	 * and for a replay of an {@code externalId} sent before (SPEC 9), only that lead's id
	 * and status, since the lead may be another source's (SPEC 3).
	 */
	private ResponseEntity<?> intake(IntakeRequest request, Authentication client, String idempotencyKey) {
		this.intakeRate.admit(client.getName());
		// The JSON body as received; a form's fields are kept as JSON by the intake.
		String payload = (String) RequestContextHolder.currentRequestAttributes()
			.getAttribute(IntakeBodyCapture.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		LeadIntake.IntakeResult result = this.intake.intake(request, client.getName(), idempotencyKey, payload);
		if (result.created()) {
			return ResponseEntity.created(URI.create("/api/leads/" + result.lead().id()))
				.body(LeadView.of(result.lead(), false));
		}
		return ResponseEntity.ok(new DuplicateAnswer(result.lead().id(), result.lead().status().dbValue(), true));
	}

	/** The answer for a phone that already has an open lead (SPEC 3). */
	record DuplicateAnswer(UUID id, String status, boolean duplicate) {
	}

	@GetMapping
	List<LeadView> list(
			@RequestParam(required = false) @Pattern(regexp = "new|contacted|replied|won|lost",
					message = "must be one of new, contacted, replied, won, lost") String status,
			@RequestParam(required = false) @Size(max = 100) @NoControlCharacters String q,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return this.leads.list((status != null) ? LeadStatus.fromDb(status) : null, q, page, size)
			.stream()
			.map((lead) -> LeadView.of(lead, null))
			.toList();
	}

	/**
	 * The lead's fields at the top level, as in the list, with its conversation (and each
	 * message's media), calls, SMS counter, sequence and submissions (SPEC 3, 9, 10).
	 */
	@GetMapping("/{id}")
	LeadDetailView detail(@PathVariable UUID id) {
		Lead lead = this.leads.get(id);
		return new LeadDetailView(LeadView.of(lead, null), messages(id), this.calls.of(id),
				RateLimitStatus.of(lead.lastSmsAt(), lead.smsCountToday(), lead.smsCountResetAt(), this.clock.instant(),
						this.sms.limits(), this.business.zone()),
				LeadDetailView.SequenceView.of(lead),
				this.submissions.of(id).stream().map(LeadDetailView.SubmissionView::of).toList());
	}

	/**
	 * The conversation, oldest first, each message with its media (read once for all).
	 */
	private List<LeadDetailView.MessageView> messages(UUID leadId) {
		List<Message> messages = this.conversation.of(leadId);
		Map<UUID, List<MediaItem>> media = this.media.of(messages.stream().map(Message::id).toList());
		return messages.stream().map((message) -> {
			List<LeadDetailView.MediaView> items = media.getOrDefault(message.id(), List.of())
				.stream()
				.map((item) -> LeadDetailView.MediaView.of(item, this.media.signedLink(item.id()).toString()))
				.toList();
			return LeadDetailView.MessageView.of(message, items);
		}).toList();
	}

	/**
	 * A manual SMS; {@code bypassRateLimit} may be left out (Jackson 3 refuses a missing
	 * primitive, so it is a {@code Boolean}) and then means false.
	 */
	record SendRequest(@NotBlank @Size(max = OutboundMessages.MAX_BODY) @NoControlCharacters String body,
			Boolean bypassRateLimit, Boolean whenAllowed) {

		boolean bypass() {
			return Boolean.TRUE.equals(this.bypassRateLimit);
		}

		boolean waitForSlot() {
			return Boolean.TRUE.equals(this.whenAllowed);
		}

	}

	@PostMapping(path = "/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> send(@PathVariable UUID id, @Valid @RequestBody SendRequest request,
			@AuthenticationPrincipal StaffPrincipal staff) {
		return answer(this.leads.sendManual(id, staff.user(), new OutboundMessages.ManualText(request.body(),
				staff.user().id(), request.bypass(), request.waitForSlot(), null)));
	}

	/**
	 * A manual MMS (SPEC 10): a {@code body} part (may be empty when photos are sent) and
	 * up to 5 {@code media} parts, answered as for a text.
	 */
	@PostMapping(path = "/{id}/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	ResponseEntity<Map<String, Object>> sendWithMedia(@PathVariable UUID id,
			@RequestParam(defaultValue = "") @Size(max = OutboundMessages.MAX_BODY) String body,
			@RequestParam(name = "media", required = false) List<MultipartFile> media,
			@RequestParam(defaultValue = "false") boolean bypassRateLimit,
			@RequestParam(defaultValue = "false") boolean whenAllowed, @AuthenticationPrincipal StaffPrincipal staff)
			throws IOException {
		List<OutboundMedia.Upload> photos = new ArrayList<>();
		for (MultipartFile part : (media != null) ? media : List.<MultipartFile>of()) {
			photos.add(new OutboundMedia.Upload(part.getOriginalFilename(), part.getBytes()));
		}
		if (body.isBlank() && photos.stream().allMatch((p) -> p.content().length == 0)) {
			throw InvalidLeadException.blankText();
		}
		return answer(this.leads.sendManual(id, staff.user(),
				new OutboundMessages.ManualText(body.strip(), staff.user().id(), bypassRateLimit, whenAllowed, null),
				photos));
	}

	private ResponseEntity<Map<String, Object>> answer(QueueResult result) {
		if (result instanceof QueueResult.Queued queued) {
			return ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(Map.of("success", true, "messageId", queued.messageId().toString(), "status", "queued"));
		}
		if (result instanceof QueueResult.Scheduled scheduled) {
			// SPEC 3 whenAllowed: queued for the next allowed moment, sent then by
			// itself.
			return ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(Map.of("success", true, "messageId", scheduled.messageId().toString(), "status", "queued",
						"scheduledFor", scheduled.scheduledFor().toString()));
		}
		if (result instanceof QueueResult.Blocked blocked) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header("Retry-After",
						String.valueOf(Math.max(1,
								Duration.between(this.clock.instant(), blocked.nextAllowedAt()).toSeconds())))
				.body(Map.of("success", false, "error", blocked.reason(), "messageId", blocked.messageId().toString()));
		}
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(Map.of("success", false, "error", OptOuts.RECIPIENT_OPTED_OUT));
	}

	/**
	 * Takes back a text queued for when the rate limit allows, until it goes: 204, or 409
	 * once it is on its way (or was never waiting).
	 */
	@DeleteMapping("/{id}/messages/{messageId}")
	ResponseEntity<Map<String, Object>> cancel(@PathVariable UUID id, @PathVariable UUID messageId) {
		if (this.leads.cancelScheduled(id, messageId)) {
			return ResponseEntity.noContent().build();
		}
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(Map.of("success", false, "error", "This text is not waiting to be sent: it went, or never waited"));
	}

	record StatusRequest(@NotNull @Pattern(regexp = "won|lost|contacted") String status,
			@Size(max = 500) @NoControlCharacters String reason) {
	}

	@PostMapping(path = "/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
	LeadView status(@PathVariable UUID id, @Valid @RequestBody StatusRequest request) {
		return LeadView.of(this.leads.changeStatus(id, LeadStatus.fromDb(request.status()), request.reason()), null);
	}

	/** SPEC 11: {@code {"assignedTo": "<staff id>"}}, or null for nobody. */
	record AssigneeRequest(UUID assignedTo) {
	}

	@PostMapping(path = "/{id}/assignee", consumes = MediaType.APPLICATION_JSON_VALUE)
	LeadView reassign(@PathVariable UUID id, @RequestBody AssigneeRequest request) {
		return LeadView.of(this.leads.reassign(id, request.assignedTo()), null);
	}

	record SequenceRequest(@NotNull @Pattern(regexp = "pause|resume|extend") String action,
			@Min(1) @Max(365) Integer days) {
	}

	@PostMapping(path = "/{id}/sequence", consumes = MediaType.APPLICATION_JSON_VALUE)
	LeadDetailView.SequenceView sequence(@PathVariable UUID id, @Valid @RequestBody SequenceRequest request) {
		Lead lead = switch (request.action()) {
			case "pause" -> this.leads.pauseSequence(id);
			case "resume" -> this.leads.resumeSequence(id);
			default -> this.leads.extendSequence(id,
					(request.days() != null) ? Duration.ofDays(request.days()) : this.expiry.current().period());
		};
		return LeadDetailView.SequenceView.of(lead);
	}

}
