package com.leadresponse.sources;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.leadresponse.lead.LeadSubmissions;
import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.settings.SettingsEditor;
import com.leadresponse.settings.SettingsField;
import com.leadresponse.system.AppProperties;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The settings page "Lead sources" (SPEC 9, admins only): each connector's URL to paste
 * into its source, whether its secret is set (a new one is made here and shown once, in
 * the answer that made it), its count and last lead, and its last refused request with
 * the reason.
 */
@Controller
@RequestMapping("/settings/sources")
class LeadSourcesController {

	/** One connector as the page shows it. */
	record ConnectorRow(String name, String title, String url, String check, boolean ready, String secretState,
			boolean rotatable, long count, Instant lastReceivedAt, SourceRefusals.LastRefusal refusal) {
	}

	/** A secret just made: its label and value, shown this once. */
	record NewSecret(String label, String value) {
	}

	private final ConnectorSecrets secrets;

	private final SettingsEditor editor;

	private final FacebookProperties facebook;

	private final LeadSubmissions submissions;

	private final SourceRefusals refusals;

	private final AppProperties app;

	private final BusinessSettings business;

	private final Clock clock;

	LeadSourcesController(ConnectorSecrets secrets, SettingsEditor editor, FacebookProperties facebook,
			LeadSubmissions submissions, SourceRefusals refusals, AppProperties app, BusinessSettings business,
			Clock clock) {
		this.secrets = secrets;
		this.editor = editor;
		this.facebook = facebook;
		this.submissions = submissions;
		this.refusals = refusals;
		this.app = app;
		this.business = business;
		this.clock = clock;
	}

	@GetMapping
	String show(Model model) {
		return render(model);
	}

	/**
	 * A new secret for the connector (for Thumbtack a username and a password), stored as
	 * hashes and shown once; the old one stops working at once.
	 */
	@PostMapping("/{name}/rotate")
	String rotate(@PathVariable String name, Model model) {
		List<SettingsField<String>> fields = switch (name) {
			case AngiConnector.NAME -> List.of(this.secrets.angiApiKey);
			case ThumbtackConnector.NAME -> List.of(this.secrets.thumbtackUsername, this.secrets.thumbtackPassword);
			case GoogleAdsConnector.NAME -> List.of(this.secrets.googleAdsKey);
			default -> List.of();
		};
		if (fields.isEmpty()) {
			model.addAttribute("alert", "This connector's secrets are environment variables: change them there.");
			return render(model);
		}
		Map<String, String> typed = new LinkedHashMap<>();
		List<NewSecret> shown = fields.stream().map((field) -> {
			String secret = this.secrets.generate();
			typed.put(field.name(), secret);
			return new NewSecret(field.label(), secret);
		}).toList();
		SettingsEditor.Outcome outcome = this.editor.saveForm(typed);
		if (!outcome.saved()) {
			throw new IllegalStateException("A generated secret was refused: " + outcome.errors().keySet());
		}
		model.addAttribute("rotated", name);
		model.addAttribute("newSecrets", shown);
		return render(model);
	}

	private String render(Model model) {
		model.addAttribute("connectors", List.of(
				row(AngiConnector.NAME, "Angi (Angi Leads, HomeAdvisor)", "the x-api-key header",
						this.secrets.isSet(this.secrets.angiApiKey), true),
				row(ThumbtackConnector.NAME, "Thumbtack", "HTTP Basic username and password",
						this.secrets.isSet(this.secrets.thumbtackUsername)
								&& this.secrets.isSet(this.secrets.thumbtackPassword),
						true),
				row(FacebookConnector.NAME, "Meta Lead Ads (Facebook, Instagram)",
						"X-Hub-Signature-256 with FACEBOOK_APP_SECRET; leads read with FACEBOOK_PAGE_ACCESS_TOKEN",
						this.facebook.signed() && this.facebook.verifiable() && this.facebook.canRead(), false),
				row(GoogleAdsConnector.NAME, "Google Ads lead forms", "the form's key (google_key)",
						this.secrets.isSet(this.secrets.googleAdsKey), true)));
		model.addAttribute("facebookMissing", facebookMissing());
		model.addAttribute("zone", this.business.zone());
		model.addAttribute("now", this.clock.instant());
		return "sources/settings";
	}

	private ConnectorRow row(String name, String title, String check, boolean ready, boolean rotatable) {
		LeadSubmissions.SourceCount count = this.submissions.countFor(name);
		String state = ready ? "Set" : (rotatable ? "Not set: every post is refused" : "Not configured");
		return new ConnectorRow(name, title, this.app.urlOf("/api/sources/" + name), check, ready, state, rotatable,
				count.count(), count.lastReceivedAt(), this.refusals.last(name).orElse(null));
	}

	/** Which FACEBOOK_* variables are unset, by name (never their values). */
	private List<String> facebookMissing() {
		List<String> missing = new java.util.ArrayList<>();
		if (!this.facebook.signed()) {
			missing.add("FACEBOOK_APP_SECRET");
		}
		if (!this.facebook.verifiable()) {
			missing.add("FACEBOOK_VERIFY_TOKEN");
		}
		if (!this.facebook.canRead()) {
			missing.add("FACEBOOK_PAGE_ACCESS_TOKEN");
		}
		return missing;
	}

}
