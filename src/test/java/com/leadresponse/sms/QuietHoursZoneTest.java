package com.leadresponse.sms;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import com.leadresponse.settings.Settings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which clock quiet hours read (SPEC 5.8): the phone number's own zone where it has one,
 * else the business zone.
 */
class QuietHoursZoneTest {

	private final QuietHours quietHours = new QuietHours();

	private final Settings settings = new Settings("Our team", ZoneId.of("America/Denver"), "US", Duration.ofMinutes(1),
			5, 30, 50, Duration.ofHours(24), LocalTime.of(21, 0), LocalTime.of(8, 0), false, List.of(), List.of());

	@Test
	void numberInOneZoneUsesThatZone() {
		assertThat(this.quietHours.zoneOf("+12125550142", this.settings)).isEqualTo(ZoneId.of("America/New_York"));
		assertThat(this.quietHours.zoneOf("+18085550142", this.settings)).isEqualTo(ZoneId.of("Pacific/Honolulu"));
		assertThat(this.quietHours.zoneOf("+33612345678", this.settings)).isEqualTo(ZoneId.of("Europe/Paris"));
	}

	@Test
	void numberSpanningSeveralZonesUsesTheBusinessZone() {
		// A toll-free number belongs to no single zone.
		assertThat(this.quietHours.zoneOf("+18005550142", this.settings)).isEqualTo(ZoneId.of("America/Denver"));
	}

	@Test
	void unreadableNumberUsesTheBusinessZone() {
		assertThat(this.quietHours.zoneOf("not a number", this.settings)).isEqualTo(ZoneId.of("America/Denver"));
	}

}
