package com.leadresponse.settings;

import java.time.Clock;
import java.util.UUID;

import com.leadresponse.system.AppProperties;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Intake API keys (SPEC 6, admins only): a new key is shown once, in the answer to the
 * request that made it, and never stored anywhere but as a hash; keys are listed by
 * prefix and revoked.
 */
@Controller
@RequestMapping("/settings/api-keys")
class ApiKeysController {

	private final ApiKeys keys;

	private final BusinessSettings business;

	private final AppProperties app;

	private final Clock clock;

	ApiKeysController(ApiKeys keys, BusinessSettings business, AppProperties app, Clock clock) {
		this.keys = keys;
		this.business = business;
		this.app = app;
		this.clock = clock;
	}

	@GetMapping
	String list(Model model) {
		return render(model);
	}

	@PostMapping
	String create(@RequestParam String name, Model model) {
		String label = name.strip();
		if (label.isEmpty() || label.length() > 100) {
			model.addAttribute("alert", "Name the key after the lead source that will use it.");
		}
		else {
			model.addAttribute("created", this.keys.create(label));
		}
		return render(model);
	}

	private String render(Model model) {
		String url = this.app.urlOf(INTAKE_PATH);
		ApiKeys.CreatedKey created = (ApiKeys.CreatedKey) model.getAttribute("created");
		model.addAttribute("intakeUrl", url);
		model.addAttribute("curl", curl(url, (created != null) ? created.secret() : "YOUR_KEY"));
		model.addAttribute("keys", this.keys.all());
		model.addAttribute("zone", this.business.zone());
		model.addAttribute("now", this.clock.instant());
		return "settings/api-keys";
	}

	/** Where lead sources post leads (SPEC 3), under {@code APP_PUBLIC_URL}. */
	static final String INTAKE_PATH = "/api/leads";

	/** A first lead a person can paste into a terminal to see the intake work. */
	static String curl(String url, String key) {
		return "curl -X POST '" + url + "' \\\n  -H 'X-Api-Key: " + key + "' \\\n"
				+ "  -H 'Content-Type: application/json' \\\n"
				+ "  -d '{\"name\":\"Maria Lopez\",\"phone\":\"(512) 555-0134\",\"message\":\"Bore under my driveway\"}'";
	}

	@PostMapping("/{id}/revoke")
	String revoke(@PathVariable UUID id, RedirectAttributes redirect) {
		this.keys.revoke(id);
		redirect.addFlashAttribute("notice", "Key revoked. Requests with it now get 401.");
		return "redirect:/settings/api-keys";
	}

}
