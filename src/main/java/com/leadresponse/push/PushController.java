package com.leadresponse.push;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.leadresponse.settings.StaffPrincipal;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a staff member's browser needs to get Web Push: the service's public VAPID key,
 * and where to keep its subscription (the browser's {@code PushSubscription.toJSON()}).
 */
@RestController
@RequestMapping("/api/push")
class PushController {

	/** A browser's subscription as {@code PushSubscription.toJSON()} gives it. */
	record SubscriptionRequest(@NotBlank @Size(max = 2000) String endpoint, @NotNull @Valid Keys keys) {

		record Keys(@NotBlank @Size(max = 200) @Pattern(regexp = "[A-Za-z0-9_=-]+") String p256dh,
				@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_=-]+") String auth) {
		}

	}

	private final PushKeys keys;

	private final PushSubscriptionRepository subscriptions;

	private final Clock clock;

	PushController(PushKeys keys, PushSubscriptionRepository subscriptions, Clock clock) {
		this.keys = keys;
		this.subscriptions = subscriptions;
		this.clock = clock;
	}

	@GetMapping(path = "/key", produces = MediaType.TEXT_PLAIN_VALUE)
	String publicKey() {
		return this.keys.current().publicKey();
	}

	@PostMapping(path = "/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> subscribe(@Valid @RequestBody SubscriptionRequest request,
			@AuthenticationPrincipal StaffPrincipal staff) {
		URI endpoint = URI.create(request.endpoint());
		if (!"https".equals(endpoint.getScheme()) && !"localhost".equals(endpoint.getHost())) {
			// A push service is reached over TLS; localhost is a developer's or a test's.
			return ResponseEntity.badRequest()
				.body(Map.of("success", false, "error", "endpoint must be an https URL of a push service"));
		}
		this.subscriptions.save(staff.user().id(), request.endpoint(), request.keys().p256dh(), request.keys().auth(),
				this.clock.instant());
		return ResponseEntity.status(201).body(Map.of("success", true));
	}

	@DeleteMapping("/subscriptions")
	ResponseEntity<Void> unsubscribe(@RequestParam String endpoint, @AuthenticationPrincipal StaffPrincipal staff) {
		this.subscriptions.deleteEndpoint(staff.user().id(), endpoint);
		return ResponseEntity.noContent().build();
	}

}
