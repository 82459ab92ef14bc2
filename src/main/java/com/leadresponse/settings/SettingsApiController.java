package com.leadresponse.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The settings API (SPEC 3, admins only): {@code GET} answers every setting by name;
 * {@code PATCH} changes the named ones, validated as the settings page validates them:
 * any mistake is a 400 naming the field, and nothing changes.
 */
@RestController
@RequestMapping("/api/settings")
class SettingsApiController {

	private final SettingsCatalog catalog;

	private final SettingsEditor editor;

	private final SettingsService settings;

	SettingsApiController(SettingsCatalog catalog, SettingsEditor editor, SettingsService settings) {
		this.catalog = catalog;
		this.editor = editor;
		this.settings = settings;
	}

	@GetMapping
	Map<String, Object> all() {
		return this.catalog.json(this.settings.row());
	}

	@PatchMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> change(@RequestBody JsonNode body) {
		if (body == null || !body.isObject()) {
			return invalid(List.of(Map.of("field", "body", "message", "Send a JSON object of settings by name.")));
		}
		Map<String, JsonNode> changes = new LinkedHashMap<>();
		body.properties().forEach((entry) -> changes.put(entry.getKey(), entry.getValue()));
		SettingsEditor.Outcome outcome = this.editor.patch(changes);
		if (!outcome.saved()) {
			List<Map<String, String>> errors = new ArrayList<>();
			outcome.errors().forEach((field, message) -> errors.add(Map.of("field", field, "message", message)));
			return invalid(errors);
		}
		return ResponseEntity.ok(this.catalog.json(this.settings.row()));
	}

	private static ResponseEntity<ProblemDetail> invalid(List<Map<String, String>> errors) {
		String detail = String.join("; ",
				errors.stream().map((e) -> e.get("field") + ": " + e.get("message")).toList());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid settings");
		problem.setProperty("errors", errors);
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
