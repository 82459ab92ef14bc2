package com.leadresponse.sms;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a text costs in SMS segments, as the sequence previews and the composer say. */
class SmsSegmentsTest {

	@Test
	void gsm7TextFits160CharactersInOneSegmentAnd153PerSegmentBeyond() {
		assertThat(SmsSegments.count("a".repeat(160)).segments()).isEqualTo(1);
		assertThat(SmsSegments.count("a".repeat(161)).segments()).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(306)).segments()).isEqualTo(2);
		assertThat(SmsSegments.count("a".repeat(307)).segments()).isEqualTo(3);
		assertThat(SmsSegments.count("a".repeat(161)).summary()).isEqualTo("161/306 · 2 SMS · GSM-7");
	}

	@Test
	void gsm7ExtensionCharactersCountTwice() {
		assertThat(SmsSegments.count("€".repeat(80)).units()).isEqualTo(160);
		assertThat(SmsSegments.count("€".repeat(80)).segments()).isEqualTo(1);
		assertThat(SmsSegments.count("{".repeat(81)).segments()).isEqualTo(2);
	}

	@Test
	void oneCharacterOutsideGsm7MakesTheTextUcs2AndIsNamed() {
		SmsSegments.Count count = SmsSegments.count("It’s booked for Thursday");

		assertThat(count.encoding()).isEqualTo("UCS-2");
		assertThat(count.forcingUcs2()).isEqualTo("’");
		assertThat(count.summary()).isEqualTo("24/70 · 1 SMS · UCS-2 because of “’” (U+2019)");
	}

	@Test
	void ucs2TextFits70CharactersInOneSegmentAnd67PerSegmentBeyond() {
		assertThat(SmsSegments.count("—" + "a".repeat(69)).segments()).isEqualTo(1);
		assertThat(SmsSegments.count("—" + "a".repeat(70)).segments()).isEqualTo(2);
		assertThat(SmsSegments.count("—" + "a".repeat(134)).segments()).isEqualTo(3);
	}

	@Test
	void emojiTakesTwoUcs2UnitsAndIsNamedWhole() {
		SmsSegments.Count count = SmsSegments.count("Thanks 👍");

		assertThat(count.units()).isEqualTo(9);
		assertThat(count.forcingDescription()).isEqualTo("“👍” (U+1F44D)");
	}

	@Test
	void onlyTheAccentedLettersOfGsm7StayGsm7() {
		assertThat(SmsSegments.count("Göran Müller, café à Zürich").encoding()).isEqualTo("GSM-7");
		assertThat(SmsSegments.count("Ana Gómez").forcingUcs2()).isEqualTo("ó");
	}

}
