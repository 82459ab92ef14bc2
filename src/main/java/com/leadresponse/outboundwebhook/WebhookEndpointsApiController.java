package com.leadresponse.outboundwebhook;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outbound webhook API (SPEC 11, admins): register an endpoint (201 with its
 * {@code id} and its {@code secret}, shown this once), list them without secrets, delete
 * one; and an endpoint's delivery log, resend, enable.
 */
@RestController
@RequestMapping("/api/webhook-endpoints")
class WebhookEndpointsApiController {

	/** The body of a registration: {@code {"url": "...", "events": ["lead.created"]}}. */
	record NewEndpoint(String url, List<String> events) {
	}

	private final WebhookEndpoints endpoints;

	WebhookEndpointsApiController(WebhookEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> register(@RequestBody NewEndpoint body) {
		WebhookEndpoints.Registered registered = this.endpoints.register(body.url(), body.events());
		Map<String, Object> answer = view(registered.endpoint());
		answer.put("secret", registered.secret());
		return ResponseEntity.created(URI.create("/api/webhook-endpoints/" + registered.endpoint().id())).body(answer);
	}

	@GetMapping
	List<Map<String, Object>> list() {
		return this.endpoints.all().stream().map(WebhookEndpointsApiController::view).toList();
	}

	@GetMapping("/{id}")
	Map<String, Object> get(@PathVariable UUID id) {
		return view(this.endpoints.get(id));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.endpoints.delete(id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/enable")
	Map<String, Object> enable(@PathVariable UUID id) {
		this.endpoints.enable(id);
		return view(this.endpoints.get(id));
	}

	/** The endpoint's latest deliveries, newest first. */
	@GetMapping("/{id}/deliveries")
	List<WebhookEndpoints.Delivery> deliveries(@PathVariable UUID id, @RequestParam(defaultValue = "50") int limit) {
		this.endpoints.get(id);
		return this.endpoints.log(id, Math.max(1, Math.min(limit, 200)));
	}

	/**
	 * Sends a delivery again now, with the same {@code webhook-id}: 202, or 409 while it
	 * is being sent.
	 */
	@PostMapping("/{id}/deliveries/{deliveryId}/resend")
	ResponseEntity<Map<String, Object>> resend(@PathVariable UUID id, @PathVariable UUID deliveryId) {
		if (!this.endpoints.resend(id, deliveryId)) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(Map.of("success", false, "error", "The delivery is being sent now"));
		}
		return ResponseEntity.accepted().body(Map.of("success", true));
	}

	private static Map<String, Object> view(WebhookEndpoint endpoint) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", endpoint.id());
		view.put("url", endpoint.url());
		view.put("events", endpoint.events());
		view.put("enabled", endpoint.enabled());
		view.put("createdAt", endpoint.createdAt());
		view.put("failingSince", endpoint.failingSince());
		view.put("disabledAt", endpoint.disabledAt());
		view.put("disabledReason", endpoint.disabledReason());
		return view;
	}

}
