package com.leadresponse.forms;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.leadresponse.system.AppProperties;
import com.leadresponse.system.ControlCharacters;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings, Forms (admins only): every hosted form with its address and the snippet that
 * embeds it in the business's site; a new form, and each form's wording and fields.
 */
@Controller
@RequestMapping("/settings/forms")
class FormsSettingsController {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private final WebFormRepository forms;

	private final FormSettings settings;

	private final AppProperties app;

	private final Clock clock;

	FormsSettingsController(WebFormRepository forms, FormSettings settings, AppProperties app, Clock clock) {
		this.forms = forms;
		this.settings = settings;
		this.app = app;
		this.clock = clock;
	}

	/**
	 * A form as the page lists it: where it is and the two ways to embed it, an iframe
	 * and a script that makes an iframe as tall as the form.
	 */
	record Listed(WebForm form, String url, String snippet, String script) {
	}

	@GetMapping
	String list(Model model) {
		List<Listed> listed = this.forms.all()
			.stream()
			.map((form) -> new Listed(form, url(form), snippet(form), script(form)))
			.toList();
		model.addAttribute("forms", listed);
		model.addAttribute("allowedOrigins", this.settings.allowedOrigins());
		return "settings/forms";
	}

	@GetMapping("/new")
	String create(Model model) {
		return edit(null,
				values(new WebForm(null, "", "", "Request a quote", "", WebForm.FieldMode.OPTIONAL,
						WebForm.FieldMode.OPTIONAL, WebForm.FieldMode.OPTIONAL, "What do you need done?",
						"Thank you! We have your request and will be in touch shortly.")),
				Map.of(), model);
	}

	@GetMapping("/{id}")
	String edit(@PathVariable UUID id, Model model) {
		WebForm form = this.forms.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return edit(id, values(form), Map.of(), model);
	}

	@PostMapping
	String saveNew(@RequestParam MultiValueMap<String, String> typed, Model model, RedirectAttributes redirect) {
		return save(null, typed, model, redirect);
	}

	@PostMapping("/{id}")
	String saveExisting(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> typed, Model model,
			RedirectAttributes redirect) {
		this.forms.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return save(id, typed, model, redirect);
	}

	private String save(UUID id, MultiValueMap<String, String> typed, Model model, RedirectAttributes redirect) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String field : List.of("slug", "name", "title", "intro", "email", "address", "job", "jobLabel",
				"thankYou")) {
			String value = typed.getFirst(field);
			values.put(field, (value != null) ? value.strip() : "");
		}
		Map<String, String> errors = new LinkedHashMap<>();
		if (!SLUG.matcher(values.get("slug")).matches() || values.get("slug").length() > 40) {
			errors.put("slug", "Use 1 to 40 lower-case letters, digits and dashes, such as driveway-bore.");
		}
		text(values, errors, "name", true, 100, "Name the form: its leads show this as their source.");
		text(values, errors, "title", true, 200, "Give the form a heading.");
		text(values, errors, "intro", false, 1000, null);
		text(values, errors, "jobLabel", true, 200, "Write the question about the job.");
		text(values, errors, "thankYou", true, 1000, "Write what the person reads after sending.");
		Map<String, WebForm.FieldMode> modes = new LinkedHashMap<>();
		for (String field : List.of("email", "address", "job")) {
			try {
				modes.put(field, WebForm.FieldMode.fromDb(values.get(field)));
			}
			catch (IllegalArgumentException ex) {
				errors.put(field, "Choose hidden, optional or required.");
			}
		}
		if (errors.isEmpty()) {
			WebForm form = new WebForm((id != null) ? id : UUID.randomUUID(), values.get("slug"), values.get("name"),
					values.get("title"), values.get("intro").isEmpty() ? null : values.get("intro"), modes.get("email"),
					modes.get("address"), modes.get("job"), values.get("jobLabel"), values.get("thankYou"));
			boolean saved = (id != null) ? this.forms.update(form, this.clock.instant())
					: this.forms.insert(form, this.clock.instant());
			if (saved) {
				redirect.addFlashAttribute("notice", "Form saved. It is live at " + url(form) + ".");
				return "redirect:/settings/forms";
			}
			errors.put("slug", "Another form has this address. Choose another.");
		}
		model.addAttribute("alert", "Nothing was saved: fix the fields marked below.");
		return edit(id, values, errors, model);
	}

	private static void text(Map<String, String> values, Map<String, String> errors, String field, boolean required,
			int max, String missing) {
		String value = values.get(field);
		if (value.isEmpty() && required) {
			errors.put(field, missing);
		}
		else if (value.length() > max) {
			errors.put(field, "At most " + max + " characters.");
		}
		else if (ControlCharacters.in(value)) {
			errors.put(field, "Remove the control characters.");
		}
	}

	private String edit(UUID id, Map<String, String> values, Map<String, String> errors, Model model) {
		model.addAttribute("id", id);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("modes", List.of("hidden", "optional", "required"));
		return "settings/form-edit";
	}

	private static Map<String, String> values(WebForm form) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("slug", form.slug());
		values.put("name", form.name());
		values.put("title", form.title());
		values.put("intro", (form.intro() != null) ? form.intro() : "");
		values.put("email", form.email().dbValue());
		values.put("address", form.address().dbValue());
		values.put("job", form.job().dbValue());
		values.put("jobLabel", form.jobLabel());
		values.put("thankYou", form.thankYou());
		return values;
	}

	private String url(WebForm form) {
		return this.app.urlOf("/forms/" + form.slug());
	}

	/**
	 * The snippet that embeds the form: an iframe, which the form's own
	 * {@code frame-ancestors} lets only the allowed sites show.
	 */
	private String snippet(WebForm form) {
		return "<iframe src=\"" + url(form) + "\" title=\"" + HtmlUtils.htmlEscape(form.title())
				+ "\" style=\"width:100%;max-width:36rem;height:860px;border:0\" loading=\"lazy\"></iframe>";
	}

	/** The script snippet: {@code form-embed.js} puts the form's iframe in its place. */
	private String script(WebForm form) {
		return "<script src=\"" + this.app.urlOf("/js/form-embed.js") + "\" data-form=\"" + form.slug()
				+ "\" data-title=\"" + HtmlUtils.htmlEscape(form.title()) + "\" async></script>";
	}

}
