package com.leadresponse.settings;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Every setting of every feature, in page order: what the settings page shows and the
 * settings API answers and accepts.
 */
@Component
class SettingsCatalog {

	private final List<SettingsSection> sections;

	private final Map<String, SettingsField<?>> byName = new LinkedHashMap<>();

	SettingsCatalog(List<SettingsContributor> contributors) {
		this.sections = contributors.stream()
			.flatMap((contributor) -> contributor.sections().stream())
			.sorted(Comparator.comparingInt(SettingsSection::order))
			.toList();
		for (SettingsSection section : this.sections) {
			for (SettingsField<?> field : section.fields()) {
				if (this.byName.put(field.name(), field) != null) {
					throw new IllegalStateException("Two settings are named " + field.name());
				}
			}
		}
	}

	/** The sections the general settings page shows. */
	List<SettingsSection> sections() {
		return this.sections.stream().filter(SettingsSection::onGeneralPage).toList();
	}

	Optional<SettingsField<?>> field(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	/** Every setting by name, as {@code GET /api/settings} answers it. */
	Map<String, Object> json(SettingsRow row) {
		Map<String, Object> json = new LinkedHashMap<>();
		this.byName.values().forEach((field) -> json.put(field.name(), field.jsonValue(row)));
		return json;
	}

}
