package com.leadresponse.settings;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Service;

/**
 * The settings in force, as one row that every feature reads its own fields from. The row
 * is kept for a short while (it is read by every webhook and every intake) and dropped on
 * every instance when any instance changes it (SPEC 3: a change applies without a
 * restart, on every instance).
 */
@Service
public class SettingsService {

	private final SettingsRepository repository;

	private final long ttlNanos;

	private final AtomicReference<Cached> cached = new AtomicReference<>();

	private record Cached(SettingsRow row, long loadedAt, long generation) {
	}

	/** Bumped by every change this instance hears of; a load older than it is dropped. */
	private volatile long generation;

	SettingsService(SettingsRepository repository, SettingsProperties properties) {
		this.repository = repository;
		this.ttlNanos = properties.cacheTtl().toNanos();
	}

	/** The row in force: the copy of this instance, or a fresh read when it is stale. */
	public SettingsRow row() {
		Cached current = this.cached.get();
		long now = System.nanoTime();
		if (current != null && current.generation() == this.generation && now - current.loadedAt() < this.ttlNanos) {
			return current.row();
		}
		// Read the generation before the row: a change heard during the read makes this
		// copy stale at once instead of keeping it for a whole time-to-live.
		long generation = this.generation;
		SettingsRow row = this.repository.load();
		this.cached.set(new Cached(row, now, generation));
		return row;
	}

	/** The value of one field in force. */
	public <T> T get(SettingsField<T> field) {
		return row().get(field);
	}

	/**
	 * The row changed (here, or on another instance): the next read goes to the database.
	 */
	void changed() {
		this.generation++;
	}

}
