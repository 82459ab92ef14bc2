package com.leadresponse.outboundwebhook;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.settings.BusinessSettings;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The settings page "Webhooks" (SPEC 11, admins): register an endpoint (its secret shown
 * once), each endpoint's health and latest deliveries with their status, response code
 * and attempts, Resend, Enable and Delete.
 */
@Controller
@RequestMapping("/settings/webhooks")
class WebhooksPageController {

	/** Deliveries shown per endpoint. */
	static final int LOG_SIZE = 25;

	private final WebhookEndpoints endpoints;

	private final BusinessSettings business;

	private final Clock clock;

	WebhooksPageController(WebhookEndpoints endpoints, BusinessSettings business, Clock clock) {
		this.endpoints = endpoints;
		this.business = business;
		this.clock = clock;
	}

	@GetMapping
	String page(Model model) {
		return render(model);
	}

	@PostMapping
	String register(@RequestParam String url, @RequestParam(required = false) List<String> events, Model model) {
		try {
			model.addAttribute("registered", this.endpoints.register(url, events));
		}
		catch (InvalidEndpointException ex) {
			model.addAttribute("alert", "Not added: the " + ex.sentence() + ".");
			model.addAttribute("draftUrl", url);
			model.addAttribute("draftEvents", (events != null) ? events : List.of());
		}
		return render(model);
	}

	@PostMapping("/{id}/delete")
	String delete(@PathVariable UUID id, RedirectAttributes redirect) {
		this.endpoints.delete(id);
		redirect.addFlashAttribute("notice", "Endpoint deleted. It gets no more events.");
		return "redirect:/settings/webhooks";
	}

	@PostMapping("/{id}/enable")
	String enable(@PathVariable UUID id, RedirectAttributes redirect) {
		this.endpoints.enable(id);
		redirect.addFlashAttribute("notice", "Endpoint enabled. Its waiting events go out now, in order.");
		return "redirect:/settings/webhooks";
	}

	@PostMapping("/{id}/deliveries/{deliveryId}/resend")
	String resend(@PathVariable UUID id, @PathVariable UUID deliveryId, RedirectAttributes redirect) {
		if (this.endpoints.resend(id, deliveryId)) {
			redirect.addFlashAttribute("notice", "Sending it again, with the same webhook-id.");
		}
		else {
			redirect.addFlashAttribute("alert", "It is being sent right now; try again in a moment.");
		}
		return "redirect:/settings/webhooks";
	}

	private String render(Model model) {
		List<WebhookEndpoint> all = this.endpoints.all();
		Map<UUID, List<WebhookEndpoints.Delivery>> logs = new LinkedHashMap<>();
		all.forEach((endpoint) -> logs.put(endpoint.id(), this.endpoints.log(endpoint.id(), LOG_SIZE)));
		model.addAttribute("endpoints", all);
		model.addAttribute("logs", logs);
		model.addAttribute("eventTypes", WebhookEventType.wireNames());
		if (!model.containsAttribute("draftEvents")) {
			model.addAttribute("draftEvents", WebhookEventType.wireNames());
		}
		model.addAttribute("zone", this.business.zone());
		model.addAttribute("now", this.clock.instant());
		return "settings/webhooks";
	}

}
