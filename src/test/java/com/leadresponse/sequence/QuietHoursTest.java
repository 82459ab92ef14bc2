package com.leadresponse.sequence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

import com.leadresponse.periodic.PeriodicPass;
import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quiet hours (SPEC 5.8): no follow-up between 21:00 and 08:00 in the lead's local time;
 * a follow-up due then goes out at the next 08:00, across daylight-saving changes too.
 */
class QuietHoursTest extends IntegrationTest {

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	/** Austin, Texas: Central time. */
	private static final String AUSTIN = "+15125550134";

	private static final String NEW_YORK = "+12125550142";

	private static final String HONOLULU = "+18085550142";

	@Test
	void followUpDueAt2300LeadTimeGoesOutAt0800TheNextDay() {
		UUID leadId = leadCreatedAt(LocalDateTime.parse("2026-03-03T23:00"), AUSTIN);

		runAt(LocalDateTime.parse("2026-03-04T23:00"));
		assertThat(twilio.receivedFor(AUSTIN)).hasSize(1);
		assertThat(nextFollowUp(leadId)).isEqualTo(chicago("2026-03-05T08:00"));
		runAt(LocalDateTime.parse("2026-03-05T07:59"));
		assertThat(twilio.receivedFor(AUSTIN)).hasSize(1);
		runAt(LocalDateTime.parse("2026-03-05T08:00"));

		awaitAcceptedTo(AUSTIN, 2);
		assertThat(twilio.receivedFor(AUSTIN).get(1).body()).startsWith("Hi Maria, following up");
	}

	@Test
	void followUpDeferredOverTheSpringForwardNightGoesOutAt0800DaylightTime() {
		UUID leadId = leadCreatedAt(LocalDateTime.parse("2026-03-06T23:00"), AUSTIN);

		runAt(LocalDateTime.parse("2026-03-07T23:00"));
		assertThat(nextFollowUp(leadId)).isEqualTo(Instant.parse("2026-03-08T13:00:00Z"));
		this.clock.set(Instant.parse("2026-03-08T12:59:00Z"));
		this.periodicPass.runOnce();
		assertThat(twilio.receivedFor(AUSTIN)).hasSize(1);
		this.clock.set(Instant.parse("2026-03-08T13:00:00Z"));
		this.periodicPass.runOnce();

		awaitAcceptedTo(AUSTIN, 2);
	}

	@Test
	void followUpDeferredOverTheFallBackNightGoesOutAt0800StandardTime() {
		UUID leadId = leadCreatedAt(LocalDateTime.parse("2026-10-30T23:00"), AUSTIN);

		runAt(LocalDateTime.parse("2026-10-31T23:00"));
		assertThat(nextFollowUp(leadId)).isEqualTo(Instant.parse("2026-11-01T14:00:00Z"));
		// 08:00 daylight time would have been 13:00 UTC: still 07:00 in Chicago that day.
		this.clock.set(Instant.parse("2026-11-01T13:00:00Z"));
		this.periodicPass.runOnce();
		assertThat(twilio.receivedFor(AUSTIN)).hasSize(1);
		this.clock.set(Instant.parse("2026-11-01T14:00:00Z"));
		this.periodicPass.runOnce();

		awaitAcceptedTo(AUSTIN, 2);
	}

	@Test
	void leadLocalTimeComesFromThePhoneNumber() {
		// 22:30 in New York, 17:30 in Honolulu.
		this.clock.set(Instant.parse("2026-03-04T03:30:00Z"));
		UUID newYork = createLead("Nina York", NEW_YORK);
		UUID honolulu = createLead("Hana Lei", HONOLULU);
		awaitPipelineIdle();

		this.clock.set(Instant.parse("2026-03-05T03:30:00Z"));
		this.periodicPass.runOnce();

		awaitAcceptedTo(HONOLULU, 2);
		assertThat(twilio.receivedFor(NEW_YORK)).hasSize(1);
		assertThat(nextFollowUp(newYork)).isEqualTo(Instant.parse("2026-03-05T13:00:00Z"));
		assertThat(nextFollowUp(honolulu)).isAfter(Instant.parse("2026-03-06T00:00:00Z"));
	}

	@Test
	void instantResponseIsExemptFromQuietHoursByDefault() {
		leadCreatedAt(LocalDateTime.parse("2026-03-03T23:30"), AUSTIN);

		assertThat(twilio.receivedFor(AUSTIN)).hasSize(1);
	}

	@Test
	void instantResponseWaitsForMorningWhenQuietHoursApplyToIt() {
		this.jdbc.sql("UPDATE settings SET quiet_hours_apply_to_instant = true").update();
		this.clock.set(chicago("2026-03-03T23:30"));
		UUID leadId = createLead("Maria Lopez", AUSTIN);
		awaitPipelineIdle();

		assertThat(twilio.receivedFor(AUSTIN)).isEmpty();
		assertThat(nextFollowUp(leadId)).isEqualTo(chicago("2026-03-04T08:00"));
		runAt(LocalDateTime.parse("2026-03-04T08:00"));

		awaitAcceptedTo(AUSTIN, 1);
		assertThat(twilio.receivedFor(AUSTIN).get(0).body()).startsWith("Hi Maria, thanks for reaching out");
	}

	@Test
	void quietHoursStartIsASetting() {
		this.jdbc.sql("UPDATE settings SET quiet_hours_start = '20:00'").update();
		UUID leadId = leadCreatedAt(LocalDateTime.parse("2026-03-03T20:30"), AUSTIN);

		runAt(LocalDateTime.parse("2026-03-04T20:30"));

		assertThat(twilio.receivedFor(AUSTIN)).hasSize(1);
		assertThat(nextFollowUp(leadId)).isEqualTo(chicago("2026-03-05T08:00"));
	}

	@Test
	void followUpOutsideQuietHoursIsSentWhenDue() {
		leadCreatedAt(LocalDateTime.parse("2026-03-03T20:30"), AUSTIN);

		runAt(LocalDateTime.parse("2026-03-04T20:30"));

		awaitAcceptedTo(AUSTIN, 2);
	}

	/** Creates a lead at a Chicago local time and waits for its instant response. */
	private UUID leadCreatedAt(LocalDateTime chicagoTime, String phone) {
		this.clock.set(chicagoTime.atZone(CHICAGO).toInstant());
		UUID leadId = createLead("Maria Lopez", phone);
		awaitAcceptedTo(phone, 1);
		awaitPipelineIdle();
		return leadId;
	}

	private void runAt(LocalDateTime chicagoTime) {
		this.clock.set(chicagoTime.atZone(CHICAGO).toInstant());
		this.periodicPass.runOnce();
	}

	private static Instant chicago(String localTime) {
		return LocalDateTime.parse(localTime).atZone(CHICAGO).toInstant();
	}

	private Instant nextFollowUp(UUID leadId) {
		return this.jdbc.sql("SELECT next_followup_at FROM leads WHERE id = :id")
			.param("id", leadId)
			.query((rs, row) -> rs.getObject(1, java.time.OffsetDateTime.class))
			.single()
			.toInstant();
	}

}
