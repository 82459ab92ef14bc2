package com.leadresponse.calls;

import java.time.Instant;

import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.Twiml;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC 8 and 11: the staff phones ring only within business hours; a call outside them
 * goes straight to the greeting and voicemail.
 */
class AfterHoursCallTest extends IntegrationTest {

	private static final String CALLER = "+15125550134";

	private static final String WEEKDAYS = """
			{"mon": [{"open": "07:00", "close": "17:00"}], "tue": [{"open": "07:00", "close": "17:00"}],
			 "wed": [{"open": "07:00", "close": "17:00"}], "thu": [{"open": "07:00", "close": "17:00"}],
			 "fri": [{"open": "07:00", "close": "17:00"}], "sat": [], "sun": []}""";

	@Test
	void aCallWithinBusinessHoursRingsTheStaff() {
		schedule();
		// Tuesday 15:00 in Chicago.
		this.clock.set(Instant.parse("2026-03-03T21:00:00Z"));

		Twiml twiml = Twiml
			.parse(postSignedWebhook(VoiceWebhookTest.VOICE, incomingCall("CA" + "1".repeat(32), CALLER)).body());

		assertThat(twiml.verbs()).containsExactly("Dial");
	}

	@Test
	void aCallOutsideBusinessHoursGoesStraightToVoicemail() {
		schedule();
		// Saturday 10:00 in Chicago: closed all day.
		this.clock.set(Instant.parse("2026-03-07T16:00:00Z"));

		Twiml twiml = Twiml
			.parse(postSignedWebhook(VoiceWebhookTest.VOICE, incomingCall("CA" + "2".repeat(32), CALLER)).body());

		assertThat(twiml.verbs()).containsExactly("Say", "Record", "Hangup");
	}

	private void schedule() {
		this.jdbc.sql("UPDATE settings SET staff_phones = '+15125550901', business_hours = CAST(:h AS jsonb)")
			.param("h", WEEKDAYS)
			.update();
	}

}
