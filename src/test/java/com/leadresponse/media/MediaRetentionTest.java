package com.leadresponse.media;

import java.time.Duration;
import java.util.Map;

import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How long media are kept (SPEC 10, {@code mediaRetentionDays}): forever by default; with
 * a retention, the periodic pass removes older media and keeps their messages' texts.
 */
class MediaRetentionTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	@Test
	void mediaAreKeptForeverByDefault() {
		receivePhoto("MM" + "1".repeat(32));

		this.clock.advance(Duration.ofDays(3650));
		this.periodicPass.runOnce();

		assertThat(count("SELECT count(*) FROM message_media")).isEqualTo(1);
	}

	@Test
	void mediaOlderThanTheRetentionAreRemovedAndTheirTextsStay() {
		assertThat(this.http.patchJson("/api/settings", "{\"mediaRetentionDays\": 30}", "Authorization", staffAuth())
			.status()).isEqualTo(200);
		receivePhoto("MM" + "2".repeat(32));
		this.clock.advance(Duration.ofDays(20));
		receivePhoto("MM" + "3".repeat(32));

		this.clock.advance(Duration.ofDays(11));
		this.periodicPass.runOnce();

		assertThat(count("SELECT count(*) FROM message_media")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound'")).isEqualTo(2);
	}

	private void receivePhoto(String messageSid) {
		if (count("SELECT count(*) FROM leads") == 0) {
			createLead("Maria Lopez", PHONE);
		}
		Map<String, String> mms = inboundSms(messageSid, PHONE, "A photo");
		mms.put("NumMedia", "1");
		mms.put("MediaUrl0",
				twilio.media().add(messageSid, "ME" + messageSid.substring(2), "image/png", TestImages.png(10, 10)));
		mms.put("MediaContentType0", "image/png");
		assertThat(postSignedWebhook("/api/webhooks/twilio", mms).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> count("SELECT count(*) FROM message_media WHERE status = 'pending'") == 0);
	}

}
