package com.leadresponse.settings;

import com.leadresponse.system.CachedRead;
import com.leadresponse.system.ChangeNotices;

import org.springframework.stereotype.Service;

/**
 * The settings in force, as one row that every feature reads its own fields from. The row
 * is kept for a short while (it is read by every webhook and every intake) and dropped on
 * every instance when any instance changes it (SPEC 3: a change applies without a
 * restart, on every instance): a trigger on the table sends {@code NOTIFY
 * settings_changed} ({@link ChangeNotices}).
 */
@Service
public class SettingsService {

	static final String CHANNEL = "settings_changed";

	private final CachedRead<SettingsRow> row;

	SettingsService(SettingsRepository repository, SettingsProperties properties, ChangeNotices notices) {
		this.row = notices.cache(CHANNEL, properties.cacheTtl(), repository::load);
	}

	/** The row in force: the copy of this instance, or a fresh read when it is stale. */
	public SettingsRow row() {
		return this.row.get();
	}

	/** The value of one field in force. */
	public <T> T get(SettingsField<T> field) {
		return row().get(field);
	}

	/**
	 * The row changed here: this instance's next read after the commit goes to the
	 * database.
	 */
	void changed() {
		this.row.changedOnCommit();
	}

}
