package com.leadresponse.settings;

import java.util.List;

/**
 * A group of settings as the settings page shows them, contributed by the feature they
 * belong to; {@code order} places it on the page. A section {@code onGeneralPage = false}
 * is in the settings API only, its feature showing it on a page of its own (the
 * connectors' secrets on "Lead sources").
 */
public record SettingsSection(String title, String hint, int order, List<SettingsField<?>> fields,
		boolean onGeneralPage) {

	public SettingsSection {
		fields = List.copyOf(fields);
	}

	public SettingsSection(String title, String hint, int order, List<SettingsField<?>> fields) {
		this(title, hint, order, fields, true);
	}

}
