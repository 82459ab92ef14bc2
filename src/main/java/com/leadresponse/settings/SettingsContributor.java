package com.leadresponse.settings;

import java.util.List;

/**
 * A feature's settings: the sections it adds to the settings page and the settings API.
 * Implemented by a bean of that feature, so settings never need to know the features.
 */
public interface SettingsContributor {

	List<SettingsSection> sections();

}
