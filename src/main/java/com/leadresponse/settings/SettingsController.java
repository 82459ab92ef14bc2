package com.leadresponse.settings;

import java.time.ZoneId;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The settings page (SPEC 6, admins only): business profile and time zone, SMS limits,
 * sequence expiry, webhook retention, quiet hours and staff alert recipients.
 */
@Controller
@RequestMapping("/settings")
class SettingsController {

	/** Every time zone Java knows, offered as suggestions while typing. */
	static final List<String> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter((z) -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
		.sorted()
		.toList();

	private final SettingsService settings;

	SettingsController(SettingsService settings) {
		this.settings = settings;
	}

	@GetMapping
	String show(Model model) {
		model.addAttribute("form", SettingsForm.of(this.settings.current()));
		model.addAttribute("zones", ZONES);
		return "settings/general";
	}

	@PostMapping
	String save(@ModelAttribute("form") SettingsForm form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		Settings updated = errors.hasErrors() ? null : form.toSettings(errors);
		if (updated == null) {
			model.addAttribute("zones", ZONES);
			model.addAttribute("alert", "Nothing was saved: fix the fields marked below.");
			return "settings/general";
		}
		this.settings.update(updated);
		redirect.addFlashAttribute("notice", "Settings saved. They apply at once, on every instance.");
		return "redirect:/settings";
	}

}
