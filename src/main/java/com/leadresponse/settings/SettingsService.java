package com.leadresponse.settings;

import java.time.Clock;

import org.springframework.stereotype.Service;

/**
 * The settings in force, read fresh so that a change on any instance applies without a
 * restart.
 */
@Service
public class SettingsService {

	private final SettingsRepository repository;

	private final Clock clock;

	SettingsService(SettingsRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	public Settings current() {
		return this.repository.load();
	}

	public void update(Settings settings) {
		this.repository.save(settings, this.clock.instant());
	}

}
