package com.leadresponse.sms;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which clock quiet hours read (SPEC 5.8): the phone number's own zone where it has one,
 * else the business zone.
 */
class QuietHoursZoneTest {

	private final ZoneId businessZone = ZoneId.of("America/Denver");

	@Test
	void numberInOneZoneUsesThatZone() {
		assertThat(QuietHours.zoneOf("+12125550142", this.businessZone)).isEqualTo(ZoneId.of("America/New_York"));
		assertThat(QuietHours.zoneOf("+18085550142", this.businessZone)).isEqualTo(ZoneId.of("Pacific/Honolulu"));
		assertThat(QuietHours.zoneOf("+33612345678", this.businessZone)).isEqualTo(ZoneId.of("Europe/Paris"));
	}

	@Test
	void numberSpanningSeveralZonesUsesTheBusinessZone() {
		// A toll-free number belongs to no single zone.
		assertThat(QuietHours.zoneOf("+18005550142", this.businessZone)).isEqualTo(ZoneId.of("America/Denver"));
	}

	@Test
	void unreadableNumberUsesTheBusinessZone() {
		assertThat(QuietHours.zoneOf("not a number", this.businessZone)).isEqualTo(ZoneId.of("America/Denver"));
	}

}
