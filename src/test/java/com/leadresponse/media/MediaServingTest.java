package com.leadresponse.media;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import com.leadresponse.support.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may see a medium, and how it is served (SPEC 10): signed-in staff, or whoever holds
 * a link the service signed until it expires; photos inline, anything else as a download,
 * never sniffed; SVG and HTML never inline.
 */
class MediaServingTest extends IntegrationTest {

	private static final String PHONE = "+15125550134";

	@Test
	void aPhotoIsNotServedWithoutALogin() {
		UUID id = inbound("ME1", "image/jpeg", TestImages.jpeg(20, 20));

		Http.Download anonymous = this.http.download("/media/" + id);

		assertThat(anonymous.status()).isIn(302, 401);
		assertThat(new String(anonymous.body())).doesNotContain("JFIF");
	}

	@Test
	void staffSeeAPhotoInlineWithoutSniffing() {
		byte[] jpeg = TestImages.jpeg(20, 20);
		UUID id = inbound("ME1", "image/jpeg", jpeg);

		Http.Download photo = admin().download("/media/" + id);

		assertThat(photo.status()).isEqualTo(200);
		assertThat(photo.body()).isEqualTo(jpeg);
		assertThat(photo.header("Content-Type")).isEqualTo("image/jpeg");
		assertThat(photo.header("Content-Disposition")).startsWith("inline");
		assertThat(photo.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	@Test
	void anSvgOrAPageIsNeverServedInline() {
		UUID svg = inbound("ME1", "image/svg+xml", TestImages.svgWithScript());
		UUID html = inbound("ME2", "image/jpeg", "<html><script>alert(1)</script></html>".getBytes());

		for (UUID id : List.of(svg, html)) {
			Http.Download download = admin().download("/media/" + id);
			assertThat(download.status()).isEqualTo(200);
			assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
			assertThat(download.header("Content-Disposition")).startsWith("attachment");
			assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(download.header("Content-Security-Policy")).contains("sandbox");
		}
	}

	@Test
	void aSignedLinkWorksWithoutALoginUntilItExpiresAndATamperedOneIsRefused() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		this.clock.advance(Duration.ofMinutes(2));
		byte[] photo = TestImages.png(40, 30);
		assertThat(sendPhotos(leadId, "The bore path", List.of(part("path.png", "image/png", photo))).status())
			.isEqualTo(202);
		awaitAcceptedTo(PHONE, 2);
		URI link = URI.create(twilio.receivedFor(PHONE).get(1).mediaUrls().get(0));
		String pathAndQuery = link.getRawPath() + "?" + link.getRawQuery();

		Http.Download fetched = this.http.download(pathAndQuery);
		Http.Download tampered = this.http.download(tamperedSignature(pathAndQuery));
		Http.Download otherExpiry = this.http.download(pathAndQuery.replaceFirst("expires=(\\d+)", "expires=9$1"));
		this.clock.advance(MediaLinks.VALIDITY.plusSeconds(1));
		Http.Download expired = this.http.download(pathAndQuery);

		assertThat(link.toString()).startsWith(PUBLIC_URL + "/media/");
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.body()).isEqualTo(photo);
		assertThat(tampered.status()).isEqualTo(403);
		assertThat(otherExpiry.status()).isEqualTo(403);
		assertThat(expired.status()).isEqualTo(403);
	}

	@Test
	void theApisLeadDetailListsAMessagesMediaWithASignedLinkThatServesIt() {
		byte[] jpeg = TestImages.jpeg(24, 16);
		UUID id = inbound("ME1", "image/jpeg", jpeg);
		UUID leadId = this.jdbc.sql("SELECT id FROM leads").query(UUID.class).single();

		var messages = this.http.get("/api/leads/" + leadId, "Authorization", staffAuth()).json().get("messages");
		var photo = messages.valueStream()
			.filter((m) -> "inbound".equals(m.get("direction").asString()))
			.findFirst()
			.orElseThrow();
		var text = messages.valueStream()
			.filter((m) -> "outbound".equals(m.get("direction").asString()))
			.findFirst()
			.orElseThrow();
		var item = photo.get("media").get(0);
		URI link = URI.create(item.get("url").asString());
		Http.Download fetched = this.http.download(link.getRawPath() + "?" + link.getRawQuery());

		assertThat(photo.get("body").asString()).isEqualTo("photo");
		assertThat(photo.get("media")).hasSize(1);
		assertThat(item.get("id").asString()).isEqualTo(id.toString());
		assertThat(item.get("contentType").asString()).isEqualTo("image/jpeg");
		assertThat(item.get("sizeBytes").asInt()).isEqualTo(jpeg.length);
		assertThat(item.get("status").asString()).isEqualTo("stored");
		assertThat(link.toString()).startsWith(PUBLIC_URL + "/media/" + id + "?expires=").contains("&signature=");
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.body()).isEqualTo(jpeg);
		assertThat(text.get("media")).isEmpty();
	}

	/**
	 * The link with its signature's first character changed: always to another character,
	 * so the link never stays valid by chance (a signature starting with the
	 * replacement).
	 */
	private static String tamperedSignature(String pathAndQuery) {
		int at = pathAndQuery.indexOf("signature=") + "signature=".length();
		char replacement = (pathAndQuery.charAt(at) == 'x') ? 'y' : 'x';
		return pathAndQuery.substring(0, at) + replacement + pathAndQuery.substring(at + 1);
	}

	/** An inbound medium downloaded and stored, as staff would see it. */
	private UUID inbound(String mediaSid, String contentType, byte[] content) {
		if (count("SELECT count(*) FROM leads") == 0) {
			createLead("Maria Lopez", PHONE);
		}
		String hex = HexFormat.of().formatHex(mediaSid.getBytes(StandardCharsets.US_ASCII));
		String messageSid = "MM" + hex + "0".repeat(32 - hex.length());
		Map<String, String> mms = inboundSms(messageSid, PHONE, "photo");
		mms.put("NumMedia", "1");
		mms.put("MediaUrl0", twilio.media().add(messageSid, mediaSid, contentType, content));
		mms.put("MediaContentType0", contentType);
		assertThat(postSignedWebhook("/api/webhooks/twilio", mms).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc
				.sql("SELECT count(*) FROM message_media mm JOIN messages m ON m.id = mm.message_id "
						+ "WHERE m.provider_sid = :sid AND mm.status = 'stored'")
				.param("sid", messageSid)
				.query(Integer.class)
				.single() == 1);
		return this.jdbc
			.sql("SELECT mm.id FROM message_media mm JOIN messages m ON m.id = mm.message_id "
					+ "WHERE m.provider_sid = :sid")
			.param("sid", messageSid)
			.query(UUID.class)
			.single();
	}

	static Http.FilePart part(String filename, String type, byte[] content) {
		return new Http.FilePart("media", filename, type, content);
	}

	Http.Answer sendPhotos(UUID leadId, String body, List<Http.FilePart> photos) {
		return this.http.postMultipart("/api/leads/" + leadId + "/messages", Map.of("body", body), photos,
				"Authorization", staffAuth());
	}

	private StaffSession admin() {
		return StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);
	}

}
