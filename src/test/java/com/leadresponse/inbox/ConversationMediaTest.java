package com.leadresponse.inbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import com.leadresponse.support.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a customer's MMS looks like on the lead page and in the inbox (SPEC 10), with
 * Twilio's media served by the local stand-in: photos as thumbnails, other types as a
 * download named by its type, an item not kept with its reason; photos without text read
 * "2 photos" in the inbox. The simulator's controls are absent when Twilio is configured.
 */
class ConversationMediaTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	@Test
	void aDocumentIsADownloadNamedByItsTypeAndAnItemNotKeptShowsWhy() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		String sid = "MM" + "a".repeat(32);
		Map<String, String> mms = inboundSms(sid, PHONE, "The yard, the permit and a video");
		mms.put("NumMedia", "3");
		mms.put("MediaUrl0", twilio.media().add(sid, "ME1", "image/jpeg", TestImages.jpeg(40, 30)));
		mms.put("MediaContentType0", "image/jpeg");
		mms.put("MediaUrl1", twilio.media().add(sid, "ME2", "application/pdf", TestImages.pdf()));
		mms.put("MediaContentType1", "application/pdf");
		mms.put("MediaUrl2", twilio.media().add(sid, "ME3", "video/mp4", TestImages.noise(6 * 1024 * 1024)));
		mms.put("MediaContentType2", "video/mp4");

		postSignedWebhook("/api/webhooks/twilio", mms);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> count("SELECT count(*) FROM message_media WHERE status <> 'pending'") == 3);

		List<UUID> ids = this.jdbc.sql("SELECT id FROM message_media ORDER BY position").query(UUID.class).list();
		String page = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD).get("/leads/" + leadId).body();
		assertThat(page).contains("The yard, the permit and a video")
			.contains("<img src=\"/media/" + ids.get(0) + "\"")
			.containsPattern("href=\"/media/" + ids.get(1) + "\" download=\"attachment-2.pdf\">"
					+ "<span>Download</span> <span>PDF document, \\d+ bytes</span>")
			.contains("<strong>Video (mp4) not kept</strong><span>: Larger than 5 MB: not kept</span>")
			.doesNotContain("<img src=\"/media/" + ids.get(2) + "\"");
	}

	@Test
	void photosWithoutTextReadAsHowManyPhotosInTheInbox() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		// The photos come a minute after the instant text, as a lead's answer does.
		this.clock.advance(Duration.ofMinutes(1));
		String sid = "MM" + "b".repeat(32);
		Map<String, String> mms = inboundSms(sid, PHONE, "");
		mms.put("NumMedia", "2");
		for (int n = 0; n < 2; n++) {
			mms.put("MediaUrl" + n, twilio.media().add(sid, "ME" + n, "image/png", TestImages.png(20 + n, 20)));
			mms.put("MediaContentType" + n, "image/png");
		}

		postSignedWebhook("/api/webhooks/twilio", mms);

		String inbox = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD).get("/").body();
		int row = inbox.indexOf("data-lead-id=\"" + leadId + "\"");
		assertThat(inbox.substring(row, inbox.indexOf("</li>", row))).contains("Lead:").contains("2 photos");
	}

	@Test
	void simulatedCallsAndPhotoRepliesAreAbsentWhenTwilioIsConfigured() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);

		assertThat(admin.post("/leads/" + leadId + "/simulated-call", Map.of("outcome", "missed")).status())
			.isEqualTo(404);
		assertThat(admin.get("/leads/" + leadId).body()).doesNotContain("Simulate reply with photo")
			.doesNotContain("simulated-call");
		assertThat(count("SELECT count(*) FROM calls")).isZero();
	}

}
