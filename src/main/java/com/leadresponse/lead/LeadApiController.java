package com.leadresponse.lead;

import java.net.URI;
import java.time.Duration;
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

import com.leadresponse.settings.SettingsService;
import com.leadresponse.settings.StaffPrincipal;
import com.leadresponse.sms.MessageLog;
import com.leadresponse.sms.OutboundMessages;
import com.leadresponse.sms.OutboundMessages.QueueResult;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/** The lead intake and staff JSON API of SPEC 3. */
@RestController
@Validated
@RequestMapping("/api/leads")
class LeadApiController {

	private final LeadIntake intake;

	private final Leads leads;

	private final OutboundMessages outbound;

	private final SettingsService settings;

	private final Clock clock;

	LeadApiController(LeadIntake intake, Leads leads, OutboundMessages outbound, SettingsService settings,
			Clock clock) {
		this.intake = intake;
		this.leads = leads;
		this.outbound = outbound;
		this.settings = settings;
		this.clock = clock;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<LeadView> intakeJson(@Valid @RequestBody IntakeRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 255) String idempotencyKey,
			Authentication client) {
		return answer(this.intake.intake(request, client.getName(), idempotencyKey));
	}

	@PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<LeadView> intakeForm(@Valid @ModelAttribute IntakeRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) @Size(max = 255) String idempotencyKey,
			Authentication client) {
		return answer(this.intake.intake(request, client.getName(), idempotencyKey));
	}

	private static ResponseEntity<LeadView> answer(LeadIntake.IntakeResult result) {
		if (result.created()) {
			return ResponseEntity.created(URI.create("/api/leads/" + result.lead().id()))
				.body(LeadView.of(result.lead(), false));
		}
		return ResponseEntity.ok(LeadView.of(result.lead(), true));
	}

	@GetMapping
	List<LeadView> list(@RequestParam(required = false) LeadStatus status, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
		return this.leads.list(status, q, page, size).stream().map((lead) -> LeadView.of(lead, null)).toList();
	}

	@GetMapping("/{id}")
	LeadDetailView detail(@PathVariable UUID id) {
		Lead lead = this.leads.get(id);
		return new LeadDetailView(LeadView.of(lead, null),
				this.outbound.conversation(id).stream().map(LeadDetailView.MessageView::of).toList(),
				MessageLog.rateLimitStatus(lead.lastSmsAt(), lead.smsCountToday(), lead.smsCountResetAt(),
						this.clock.instant(), this.settings.current()),
				LeadDetailView.SequenceView.of(lead));
	}

	/**
	 * A manual SMS; {@code bypassRateLimit} may be left out (Jackson 3 refuses a missing
	 * primitive, so it is a nullable Boolean read as false).
	 */
	record SendRequest(@NotBlank @Size(max = 1600) String body, Boolean bypassRateLimit) {

		boolean bypass() {
			return Boolean.TRUE.equals(this.bypassRateLimit);
		}

	}

	@PostMapping(path = "/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> send(@PathVariable UUID id, @Valid @RequestBody SendRequest request,
			@AuthenticationPrincipal StaffPrincipal staff) {
		if (request.bypass() && !staff.user().isAdmin()) {
			throw new AccessDeniedException("Only admins may bypass the SMS rate limit");
		}
		QueueResult result = this.leads.sendManual(id, request.body(), staff.user().id(), request.bypass());
		if (result instanceof QueueResult.Queued queued) {
			return ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(Map.of("success", true, "messageId", queued.messageId().toString(), "status", "queued"));
		}
		if (result instanceof QueueResult.Blocked blocked) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header("Retry-After",
						String.valueOf(Math.max(1,
								Duration.between(this.clock.instant(), blocked.nextAllowedAt()).toSeconds())))
				.body(Map.of("success", false, "error", blocked.reason(), "messageId", blocked.messageId().toString()));
		}
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(Map.of("success", false, "error", "Recipient opted out"));
	}

	record StatusRequest(@NotNull @Pattern(regexp = "won|lost|contacted") String status,
			@Size(max = 500) String reason) {
	}

	@PostMapping(path = "/{id}/status", consumes = MediaType.APPLICATION_JSON_VALUE)
	LeadView status(@PathVariable UUID id, @Valid @RequestBody StatusRequest request) {
		return LeadView.of(this.leads.changeStatus(id, LeadStatus.fromDb(request.status()), request.reason()), null);
	}

	record SequenceRequest(@NotNull @Pattern(regexp = "pause|resume|extend") String action,
			@Min(1) @Max(365) Integer days) {
	}

	@PostMapping(path = "/{id}/sequence", consumes = MediaType.APPLICATION_JSON_VALUE)
	LeadDetailView.SequenceView sequence(@PathVariable UUID id, @Valid @RequestBody SequenceRequest request) {
		Lead lead = switch (request.action()) {
			case "pause" -> this.leads.pauseSequence(id);
			case "resume" -> this.leads.resumeSequence(id);
			default -> this.leads.extendSequence(id, Duration
				.ofDays((request.days() != null) ? request.days() : this.settings.current().sequenceExpiryDays()));
		};
		return LeadDetailView.SequenceView.of(lead);
	}

}
