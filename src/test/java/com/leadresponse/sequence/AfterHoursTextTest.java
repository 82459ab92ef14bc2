package com.leadresponse.sequence;

import java.time.Instant;

import com.leadresponse.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC 11 business hours and the instant response, with the settable clock: inside the
 * weekly schedule a new lead gets the sequence's first step; outside it the after-hours
 * text, told when the business opens ("7:00 AM Monday" in the business zone), for hours
 * that cross midnight and across both DST changes of America/Chicago.
 */
class AfterHoursTextTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	private static final String FIRST_STEP = "Hi Maria, thanks for reaching out to Our team! We will call you shortly.";

	/** Weekdays 07:00 to 17:00, Saturday closed, Sunday 07:00 to 17:00. */
	private static final String WEEK = """
			{"mon": [{"open": "07:00", "close": "17:00"}], "tue": [{"open": "07:00", "close": "17:00"}],
			 "wed": [{"open": "07:00", "close": "17:00"}], "thu": [{"open": "07:00", "close": "17:00"}],
			 "fri": [{"open": "07:00", "close": "17:00"}], "sat": [], "sun": [{"open": "07:00", "close": "17:00"}]}
			""";

	/** Every evening from 16:00 to 02:00 the next morning. */
	private static final String LATE_SHIFT = """
			{"mon": [{"open": "16:00", "close": "02:00"}], "tue": [{"open": "16:00", "close": "02:00"}],
			 "wed": [{"open": "16:00", "close": "02:00"}], "thu": [{"open": "16:00", "close": "02:00"}],
			 "fri": [{"open": "16:00", "close": "02:00"}], "sat": [{"open": "16:00", "close": "02:00"}],
			 "sun": [{"open": "16:00", "close": "02:00"}]}
			""";

	@Test
	void withoutAScheduleTheBusinessIsAlwaysOpenAndTheFirstStepGoes() {
		this.clock.set(Instant.parse("2026-03-04T05:30:00Z"));

		assertThat(firstTextAt(null)).isEqualTo(FIRST_STEP);
	}

	@Test
	void insideTheHoursANewLeadGetsTheFirstStep() {
		// Tuesday 15:00 in Chicago.
		this.clock.set(Instant.parse("2026-03-03T21:00:00Z"));

		assertThat(firstTextAt(WEEK)).isEqualTo(FIRST_STEP);
	}

	@Test
	void outsideTheHoursANewLeadGetsTheAfterHoursTextWithTheNextOpening() {
		// Tuesday 23:30 in Chicago: open again Wednesday at 7:00.
		this.clock.set(Instant.parse("2026-03-04T05:30:00Z"));

		assertThat(firstTextAt(WEEK))
			.isEqualTo("Thanks Maria, we're closed now and will text you when we open at 7:00 AM Wednesday");
	}

	@Test
	void aClosedDayIsSkippedToTheNextOpening() {
		// Saturday 10:00 in Chicago (closed all day): Sunday at 7:00.
		this.clock.set(Instant.parse("2026-03-14T15:00:00Z"));

		assertThat(firstTextAt(WEEK)).endsWith("when we open at 7:00 AM Sunday");
	}

	@Test
	void theAfterHoursTextIsASetting() {
		this.jdbc.sql("UPDATE settings SET after_hours_template = :t")
			.param("t", "{businessName} is closed, {firstName}. Back {opensAt}.")
			.update();
		this.clock.set(Instant.parse("2026-03-04T05:30:00Z"));

		assertThat(firstTextAt(WEEK)).isEqualTo("Our team is closed, Maria. Back 7:00 AM Wednesday.");
	}

	@Test
	void hoursThatCrossMidnightKeepTheBusinessOpenUntilTheyCloseTheNextMorning() {
		// Wednesday 01:30 in Chicago: still Tuesday's evening, open until 02:00.
		this.clock.set(Instant.parse("2026-03-04T07:30:00Z"));

		assertThat(firstTextAt(LATE_SHIFT)).isEqualTo(FIRST_STEP);
	}

	@Test
	void afterHoursThatCrossMidnightCloseTheNextOpeningIsThatEvening() {
		// Wednesday 02:30 in Chicago: Tuesday's evening has closed; Wednesday's opens at
		// 16:00.
		this.clock.set(Instant.parse("2026-03-04T08:30:00Z"));

		assertThat(firstTextAt(LATE_SHIFT)).endsWith("when we open at 4:00 PM Wednesday");
	}

	@Test
	void theHoursFollowTheClocksWhenDaylightSavingTimeStartsInMarch() {
		// 12:30 UTC is 06:30 CST (closed) on Sunday 1 March, but 07:30 CDT (open) on
		// Sunday 8 March, the day the clocks went forward.
		this.clock.set(Instant.parse("2026-03-01T12:30:00Z"));
		assertThat(firstTextAt(WEEK)).endsWith("when we open at 7:00 AM Sunday");

		nextLead();
		this.clock.set(Instant.parse("2026-03-08T12:30:00Z"));
		assertThat(firstTextAt(WEEK)).isEqualTo(FIRST_STEP);
	}

	@Test
	void theNextOpeningIsSaidInLocalTimeAcrossTheMarchChange() {
		// Saturday 22:00 CST, the night the clocks go forward: Sunday opens at 7:00 CDT.
		this.clock.set(Instant.parse("2026-03-08T04:00:00Z"));

		assertThat(firstTextAt(WEEK)).endsWith("when we open at 7:00 AM Sunday");
	}

	@Test
	void theHoursFollowTheClocksWhenDaylightSavingTimeEndsInNovember() {
		// 12:30 UTC is 07:30 CDT (open) on Sunday 25 October, but 06:30 CST (closed) on
		// Sunday 1 November, the day the clocks went back.
		this.clock.set(Instant.parse("2026-10-25T12:30:00Z"));
		assertThat(firstTextAt(WEEK)).isEqualTo(FIRST_STEP);

		nextLead();
		this.clock.set(Instant.parse("2026-11-01T12:30:00Z"));
		assertThat(firstTextAt(WEEK)).endsWith("when we open at 7:00 AM Sunday");
	}

	/**
	 * The instant response's body for a new lead now, under {@code schedule} (or none).
	 */
	private String firstTextAt(String schedule) {
		if (schedule != null) {
			this.jdbc.sql("UPDATE settings SET business_hours = CAST(:s AS jsonb)").param("s", schedule).update();
		}
		createLead("Maria Lopez", PHONE);
		awaitAcceptedTo(PHONE, 1);
		return twilio.receivedFor(PHONE).get(0).body();
	}

	/** Between two leads of one test: the stand-in and the leads start again. */
	private void nextLead() {
		awaitPipelineIdle();
		this.jdbc.sql("TRUNCATE messages, leads CASCADE").update();
		twilio.reset();
	}

}
