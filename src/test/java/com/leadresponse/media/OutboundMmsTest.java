package com.leadresponse.media;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Photos staff send (SPEC 10): up to 5 images, 5 MB in all, through the API as
 * multipart/form-data; Twilio gets signed links on APP_PUBLIC_URL; an MMS counts toward
 * the rate limits like any text; anything else is refused and nothing is stored.
 */
class OutboundMmsTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	@Test
	void photosGoToTwilioAsSignedLinksOnThePublicUrl() {
		UUID leadId = leadAfterTheInstantResponse();
		byte[] jpeg = TestImages.jpeg(80, 60);
		byte[] gif = TestImages.gif(20, 20);

		Http.Answer answer = send(leadId, "Here is the bore path",
				List.of(part("path.jpg", "image/jpeg", jpeg), part("map.gif", "image/gif", gif)));

		assertThat(answer.status()).isEqualTo(202);
		assertThat(answer.json().get("status").asString()).isEqualTo("queued");
		awaitAcceptedTo(PHONE, 2);
		List<String> links = twilio.receivedFor(PHONE).get(1).mediaUrls();
		assertThat(links).hasSize(2).allSatisfy((link) -> assertThat(link).startsWith(PUBLIC_URL + "/media/"));
		assertThat(twilio.receivedFor(PHONE).get(1).body()).isEqualTo("Here is the bore path");
		assertThat(fetch(links.get(0))).isEqualTo(jpeg);
		assertThat(fetch(links.get(1))).isEqualTo(gif);
		assertThat(twilio.violations()).isEmpty();
	}

	@Test
	void photosAloneAreAnMms() {
		UUID leadId = leadAfterTheInstantResponse();

		assertThat(send(leadId, "", List.of(part("yard.png", "image/png", TestImages.png(30, 30)))).status())
			.isEqualTo(202);

		awaitAcceptedTo(PHONE, 2);
		assertThat(twilio.receivedFor(PHONE).get(1).mediaUrls()).hasSize(1);
	}

	@Test
	void anMmsCountsTowardTheRateLimitLikeAnyText() {
		UUID leadId = leadAfterTheInstantResponse();
		assertThat(send(leadId, "One", List.of(part("a.png", "image/png", TestImages.png(8, 8)))).status())
			.isEqualTo(202);

		Http.Answer tooSoon = send(leadId, "Two", List.of(part("b.png", "image/png", TestImages.png(8, 8))));

		assertThat(tooSoon.status()).isEqualTo(429);
		assertThat(this.jdbc.sql("SELECT sms_count_today FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void anUploadThatIsNotAPhotoIsRefusedAndNothingIsStored() {
		UUID leadId = leadAfterTheInstantResponse();

		Http.Answer pdf = send(leadId, "The permit", List.of(part("permit.jpg", "image/jpeg", TestImages.pdf())));
		Http.Answer svg = send(leadId, "Logo", List.of(part("logo.svg", "image/svg+xml", TestImages.svgWithScript())));

		assertThat(pdf.status()).isEqualTo(400);
		assertThat(pdf.json().get("errors").get(0).get("field").asString()).isEqualTo("media");
		assertThat(pdf.body()).contains("“permit.jpg” is not a photo (JPEG, PNG, GIF or WebP)");
		assertThat(svg.status()).isEqualTo(400);
		assertNothingStoredAfterTheInstantResponse();
	}

	@Test
	void moreThanFivePhotosOrMoreThanFiveMegabytesAreRefusedAndNothingIsStored() {
		UUID leadId = leadAfterTheInstantResponse();
		byte[] small = TestImages.png(8, 8);
		byte[] big = TestImages.jpeg(1800, 1400);
		List<Http.FilePart> six = List.of(part("1.png", "image/png", small), part("2.png", "image/png", small),
				part("3.png", "image/png", small), part("4.png", "image/png", small), part("5.png", "image/png", small),
				part("6.png", "image/png", small));
		// 5.4 MB in all: over SPEC 10's 5 MB, under the 6 MB a request may carry.
		List<Http.FilePart> heavy = List.of(part("big.jpg", "image/jpeg", withPadding(big, 2_700_000)),
				part("bigger.jpg", "image/jpeg", withPadding(big, 2_700_000)));

		Http.Answer tooMany = send(leadId, "Photos", six);
		Http.Answer tooHeavy = send(leadId, "Photos", heavy);

		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(tooMany.body()).contains("at most 5 photos a text");
		assertThat(tooHeavy.status()).isEqualTo(400);
		assertThat(tooHeavy.body()).contains("at most 5 MB of photos a text");
		assertNothingStoredAfterTheInstantResponse();
	}

	@Test
	void aPhotoOfFourMegabytesIsSentAndABodyOverSixMegabytesIs413() {
		UUID leadId = leadAfterTheInstantResponse();
		byte[] big = withPadding(TestImages.jpeg(1800, 1400), 4_000_000);

		Http.Answer sent = send(leadId, "The bore path", List.of(part("path.jpg", "image/jpeg", big)));
		assertThat(sent.status()).isEqualTo(202);
		awaitAcceptedTo(PHONE, 2);
		assertThat(fetch(twilio.receivedFor(PHONE).get(1).mediaUrls().get(0))).isEqualTo(big);

		this.clock.advance(Duration.ofMinutes(2));
		Http.Answer tooLarge = send(leadId, "Photos",
				List.of(part("huge.jpg", "image/jpeg", withPadding(big, 6_400_000))));
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.body()).contains("exceeds the limit of 6291456 bytes");
		assertThat(count("SELECT count(*) FROM messages")).isEqualTo(2);
		assertThat(count("SELECT count(*) FROM message_media")).isEqualTo(1);
	}

	@Test
	void multipartElsewhereHasTheLimitOfEveryOtherBody() {
		Http.Answer intake = this.http.postMultipart("/api/leads", Map.of("name", "Maria", "phone", PHONE),
				List.of(part("a.jpg", "image/jpeg", withPadding(TestImages.jpeg(80, 60), 100_000))), "X-Api-Key",
				API_KEY);
		assertThat(intake.status()).isEqualTo(413);
		assertThat(intake.body()).contains("exceeds the limit of 65536 bytes");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	private UUID leadAfterTheInstantResponse() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitAcceptedTo(PHONE, 1);
		awaitPipelineIdle();
		this.clock.advance(Duration.ofMinutes(2));
		return leadId;
	}

	private void assertNothingStoredAfterTheInstantResponse() {
		assertThat(count("SELECT count(*) FROM messages")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM message_media")).isZero();
		assertThat(twilio.receivedFor(PHONE)).hasSize(1);
	}

	/**
	 * A real JPEG made larger by zero bytes after its end marker, which decoders ignore.
	 */
	private static byte[] withPadding(byte[] jpeg, int size) {
		return java.util.Arrays.copyOf(jpeg, Math.max(size, jpeg.length));
	}

	private byte[] fetch(String link) {
		URI uri = URI.create(link);
		Http.Download download = this.http.download(uri.getRawPath() + "?" + uri.getRawQuery());
		assertThat(download.status()).isEqualTo(200);
		return download.body();
	}

	private Http.Answer send(UUID leadId, String body, List<Http.FilePart> photos) {
		return this.http.postMultipart("/api/leads/" + leadId + "/messages", Map.of("body", body), photos,
				"Authorization", staffAuth());
	}

	private static Http.FilePart part(String filename, String type, byte[] content) {
		return new Http.FilePart("media", filename, type, content);
	}

}
