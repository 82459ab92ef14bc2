package com.leadresponse.settings;

import java.util.List;

/**
 * A group of settings as the settings page shows them, contributed by the feature they
 * belong to; {@code order} places it on the page.
 */
public record SettingsSection(String title, String hint, int order, List<SettingsField<?>> fields) {

	public SettingsSection {
		fields = List.copyOf(fields);
	}

}
