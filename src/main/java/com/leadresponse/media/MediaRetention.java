package com.leadresponse.media;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.periodic.PeriodicTask;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Removes media older than the retention setting (default: kept forever), media's share
 * of the periodic pass, in batches; the messages and their texts stay.
 */
@Component
@Order(60)
class MediaRetention implements PeriodicTask {

	private static final int BATCH = 100;

	private final MediaRepository media;

	private final MediaSettings settings;

	private final Clock clock;

	MediaRetention(MediaRepository media, MediaSettings settings, Clock clock) {
		this.media = media;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public void run(PassReport report) {
		Optional<Duration> retention = this.settings.retention();
		if (retention.isEmpty()) {
			return;
		}
		int total = 0;
		int removed;
		do {
			removed = this.media.removeOlderThan(this.clock.instant().minus(retention.get()), BATCH);
			total += removed;
		}
		while (removed == BATCH);
		report.count("media removed", total);
	}

}
