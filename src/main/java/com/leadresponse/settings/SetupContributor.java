package com.leadresponse.settings;

import java.util.List;

/**
 * A feature's lines of the setup checklist; implemented by a bean of that feature, as
 * settings are ({@link SettingsContributor}).
 */
public interface SetupContributor {

	List<SetupItem> setupItems();

}
