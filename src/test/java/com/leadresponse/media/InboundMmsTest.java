package com.leadresponse.media;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TestImages;
import com.leadresponse.support.TwilioMediaFiles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inbound MMS (SPEC 10) against the local Twilio: every item of a message is kept, byte
 * for byte, downloaded after the webhook's answer with the account's credentials sent to
 * Twilio's API host only; failures that pass are retried, the others end the item failed
 * with a reason, and the message's text is kept either way.
 */
class InboundMmsTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	private static final String MESSAGE_SID = "MM" + "a".repeat(32);

	@Test
	void threeMediaOfDifferentTypesAreStoredByteForByteAndTheirDuplicateStoresNothingMore() {
		createLead("Maria Lopez", PHONE);
		byte[] jpeg = TestImages.jpeg(64, 48);
		byte[] png = TestImages.png(32, 32);
		byte[] pdf = TestImages.pdf();
		Map<String, String> mms = mms(MESSAGE_SID, "Here is the yard and the permit",
				List.of(media("ME1", "image/jpeg", jpeg), media("ME2", "image/png", png),
						media("ME3", "application/pdf", pdf)));

		Http.Answer first = postSignedWebhook("/api/webhooks/twilio", mms);
		awaitStored(3);
		Http.Answer repeat = postSignedWebhook("/api/webhooks/twilio", mms);

		assertThat(first.status()).isEqualTo(200);
		assertThat(repeat.status()).isEqualTo(200);
		List<Map<String, Object>> rows = this.jdbc
			.sql("SELECT position, content_type, size_bytes, content, status FROM message_media ORDER BY position")
			.query()
			.listOfRows();
		assertThat(rows).hasSize(3);
		assertThat(rows.get(0).get("content")).isEqualTo(jpeg);
		assertThat(rows.get(1).get("content")).isEqualTo(png);
		assertThat(rows.get(2).get("content")).isEqualTo(pdf);
		assertThat(rows).extracting((row) -> row.get("content_type"))
			.containsExactly("image/jpeg", "image/png", "application/pdf");
		assertThat(rows.get(0).get("size_bytes")).isEqualTo(jpeg.length);
		assertThat(this.jdbc.sql("SELECT body FROM messages WHERE provider_sid = :sid")
			.param("sid", MESSAGE_SID)
			.query(String.class)
			.single()).isEqualTo("Here is the yard and the permit");
		assertThat(twilio.media().apiFetches()).hasSize(3);
	}

	@Test
	void theDownloadSendsTheCredentialsToTwilioAndFollowsTheRedirectToStorageWithoutThem() {
		createLead("Maria Lopez", PHONE);

		postSignedWebhook("/api/webhooks/twilio",
				mms(MESSAGE_SID, "", List.of(media("ME1", "image/jpeg", TestImages.jpeg(20, 20)))));
		awaitStored(1);

		assertThat(twilio.media().apiFetches()).singleElement()
			.extracting(TwilioMediaFiles.Fetch::credentials)
			.isEqualTo(true);
		assertThat(twilio.media().storageFetches()).singleElement()
			.extracting(TwilioMediaFiles.Fetch::credentials)
			.isEqualTo(false);
		assertThat(twilio.violations()).isEmpty();
	}

	@Test
	void aDownloadFailingTwiceThenSucceedingEndsStored() {
		createLead("Maria Lopez", PHONE);
		twilio.media().failNext(500, 503);

		postSignedWebhook("/api/webhooks/twilio",
				mms(MESSAGE_SID, "Photo", List.of(media("ME1", "image/gif", TestImages.gif(16, 16)))));

		awaitStored(1);
		assertThat(this.jdbc.sql("SELECT attempts FROM message_media").query(Integer.class).single()).isEqualTo(3);
		assertThat(twilio.media().apiFetches()).hasSize(3);
	}

	@Test
	void aSixMegabyteItemEndsFailedWithTheReasonStaffReadAndTheTextIsKept() {
		createLead("Maria Lopez", PHONE);

		postSignedWebhook("/api/webhooks/twilio", mms(MESSAGE_SID, "The whole site",
				List.of(media("ME1", "video/mp4", TestImages.noise(6 * 1024 * 1024)))));

		await().atMost(Duration.ofSeconds(15))
			.until(() -> count("SELECT count(*) FROM message_media WHERE status = 'failed'") == 1);
		assertThat(this.jdbc.sql("SELECT error_message FROM message_media").query(String.class).single())
			.isEqualTo("Larger than 5 MB: not kept");
		assertThat(this.jdbc.sql("SELECT content FROM message_media").query().singleRow().get("content")).isNull();
		assertThat(this.jdbc.sql("SELECT body FROM messages WHERE direction = 'inbound'").query(String.class).single())
			.isEqualTo("The whole site");
	}

	@Test
	void aMediaUrlOnAnotherHostGetsNoCredentialsAndIsNotDownloaded() {
		createLead("Maria Lopez", PHONE);
		String elsewhere = twilio.media().storageUrl("ME9", "image/jpeg", TestImages.jpeg(10, 10));
		Map<String, String> mms = mms(MESSAGE_SID, "Look", List.of());
		mms.put("NumMedia", "1");
		mms.put("MediaUrl0", elsewhere);
		mms.put("MediaContentType0", "image/jpeg");

		assertThat(postSignedWebhook("/api/webhooks/twilio", mms).status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("SELECT count(*) FROM message_media WHERE status = 'failed'") == 1);
		assertThat(this.jdbc.sql("SELECT error_message FROM message_media").query(String.class).single())
			.startsWith("Not downloaded: the address is not on Twilio's API host");
		assertThat(twilio.media().storageFetches()).isEmpty();
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound'")).isEqualTo(1);
	}

	@Test
	void aNumMediaThatDoesNotMatchItsMediaUrlsIsRefusedAndStoresNothing() {
		createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		Map<String, String> missing = mms(MESSAGE_SID, "Two photos",
				List.of(media("ME1", "image/jpeg", TestImages.jpeg(10, 10))));
		missing.put("NumMedia", "2");
		Map<String, String> extra = mms("MM" + "b".repeat(32), "One photo",
				List.of(media("ME2", "image/jpeg", TestImages.jpeg(10, 10)),
						media("ME3", "image/jpeg", TestImages.jpeg(10, 10))));
		extra.put("NumMedia", "1");

		Http.Answer first = postSignedWebhook("/api/webhooks/twilio", missing);
		Http.Answer second = postSignedWebhook("/api/webhooks/twilio", extra);

		assertThat(first.status()).isEqualTo(400);
		assertThat(first.body()).contains("NumMedia is 2 but MediaUrl1 is missing");
		assertThat(second.status()).isEqualTo(400);
		assertThat(second.body()).contains("NumMedia is 1 but MediaUrl1 is sent too");
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound'")).isZero();
		assertThat(count("SELECT count(*) FROM processed_webhooks")).isZero();
		assertThat(count("SELECT count(*) FROM message_media")).isZero();
	}

	private record Medium(String sid, String contentType, byte[] content) {
	}

	private static Medium media(String sid, String contentType, byte[] content) {
		return new Medium(sid, contentType, content);
	}

	/**
	 * An inbound MMS as Twilio posts it (docs/twilio.md: NumMedia, MediaUrl{N},
	 * MediaContentType{N}).
	 */
	private static Map<String, String> mms(String sid, String body, List<Medium> media) {
		Map<String, String> params = inboundSms(sid, PHONE, body);
		params.put("NumMedia", String.valueOf(media.size()));
		for (int n = 0; n < media.size(); n++) {
			Medium medium = media.get(n);
			params.put("MediaUrl" + n, twilio.media().add(sid, medium.sid(), medium.contentType(), medium.content()));
			params.put("MediaContentType" + n, medium.contentType());
		}
		return params;
	}

	private void awaitStored(int items) {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> count("SELECT count(*) FROM message_media WHERE status = 'stored'") == items);
	}

}
