package com.leadresponse.settings;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The settings page (SPEC 6, admins only): every feature's settings in its section, each
 * mistake named next to its field, nothing saved while any field is wrong.
 */
@Controller
@RequestMapping("/settings")
class SettingsController {

	/** Country codes with their names, for the country pick-list. */
	static final Map<String, String> COUNTRY_NAMES = countryNames();

	private final SettingsCatalog catalog;

	private final SettingsEditor editor;

	private final SettingsService settings;

	SettingsController(SettingsCatalog catalog, SettingsEditor editor, SettingsService settings) {
		this.catalog = catalog;
		this.editor = editor;
		this.settings = settings;
	}

	@GetMapping
	String show(Model model) {
		SettingsRow row = this.settings.row();
		Map<String, String> values = new LinkedHashMap<>();
		this.catalog.sections()
			.forEach((section) -> section.fields().forEach((field) -> values.put(field.name(), field.formValue(row))));
		return render(values, Map.of(), model);
	}

	/**
	 * Saves every field the page shows; a checkbox the browser left out is off.
	 */
	@PostMapping
	String save(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
		Map<String, String> typed = new LinkedHashMap<>();
		this.catalog.sections().forEach((section) -> section.fields().forEach((field) -> {
			String value = form.getFirst(field.name());
			if (value != null) {
				typed.put(field.name(), value);
			}
			else if ("checkbox".equals(field.input())) {
				typed.put(field.name(), "false");
			}
		}));
		SettingsEditor.Outcome outcome = this.editor.saveForm(typed);
		if (!outcome.saved()) {
			model.addAttribute("alert", "Nothing was saved: fix the fields marked below.");
			return render(typed, outcome.errors(), model);
		}
		redirect.addFlashAttribute("notice", "Settings saved. They apply at once, on every instance.");
		return "redirect:/settings";
	}

	private String render(Map<String, String> values, Map<String, String> errors, Model model) {
		model.addAttribute("sections", this.catalog.sections());
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("zones", FieldTypes.ZONES);
		model.addAttribute("countries", COUNTRY_NAMES);
		return "settings/general";
	}

	private static Map<String, String> countryNames() {
		Map<String, String> byName = new TreeMap<>();
		for (String code : FieldTypes.COUNTRIES) {
			byName.put(new Locale("", code).getDisplayCountry(Locale.US) + "\u0000" + code, code);
		}
		Map<String, String> names = new LinkedHashMap<>();
		byName.forEach((key, code) -> names.put(code, key.substring(0, key.indexOf('\u0000'))));
		return names;
	}

}
