package com.leadresponse.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.SimulatorIntegrationTest;
import com.leadresponse.support.StaffSession;
import com.leadresponse.support.TestImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls and photos in the staff pages over plain HTTP with a signed-in session, in
 * simulator mode (SPEC 6, 8, 10): calls among the texts with their voicemail played
 * through the service, the inbox's preview of the latest call or photo, the simulator's
 * calls and photo reply through the real webhook paths, and photos sent from the
 * composer, refused with the reason when they cannot go.
 */
class CallsAndPhotosPagesTest extends SimulatorIntegrationTest {

	private static final String PHONE = "+15125550134";

	private StaffSession admin;

	private UUID leadId;

	@BeforeEach
	void leadAfterItsInstantText() {
		this.leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		// Past the minimum interval, so a staff text goes at once.
		this.clock.advance(Duration.ofMinutes(2));
		this.admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);
	}

	@Test
	void simulatedMissedCallWithAVoicemailShowsInTheThreadWithAPlayerOnTheServicesOwnAddress() {
		Http.Answer simulated = simulateCall("voicemail");

		assertThat(simulated.status()).isEqualTo(302);
		assertThat(simulated.header("Location")).endsWith("/leads/" + this.leadId);
		UUID callId = this.jdbc.sql("SELECT id FROM calls WHERE lead_id = :id")
			.param("id", this.leadId)
			.query(UUID.class)
			.single();
		String page = this.admin.get("/leads/" + this.leadId).body();
		assertThat(page).contains("Simulated a missed call with a voicemail from the lead.")
			.contains("<strong class=\"call-headline\">Missed call</strong>")
			.contains("Voicemail 0:42")
			.contains("<audio controls preload=\"none\" src=\"/api/calls/" + callId + "/recording\"")
			.doesNotContain("api.twilio.com");
		assertThat(this.admin.download("/api/calls/" + callId + "/recording").header("Content-Type"))
			.isEqualTo("audio/wav");
	}

	@Test
	void simulatedAnsweredCallShowsItsLengthAndContactsTheLead() {
		this.jdbc.sql("UPDATE settings SET staff_phones = '+15125550901'").update();

		simulateCall("answered");

		assertThat(this.admin.get("/leads/" + this.leadId).body()).contains("Answered, 3 min")
			.contains("Simulated an answered call with the lead.");
		assertThat(leadStatus(this.leadId)).isEqualTo("contacted");
	}

	@Test
	void simulatedAnsweredCallWithoutAStaffPhoneToRingSaysWhyAndStoresNothing() {
		simulateCall("answered");

		assertThat(this.admin.get("/leads/" + this.leadId).body()).contains("Not simulated: No staff phone would ring");
		assertThat(count("SELECT count(*) FROM calls")).isZero();
	}

	@Test
	void unknownCallOutcomeIsRefusedAndStoresNothing() {
		assertThat(simulateCall("hung-up").status()).isEqualTo(400);
		assertThat(count("SELECT count(*) FROM calls")).isZero();
	}

	@Test
	void missedCallTextWaitingForItsMomentAndCancelledByAStaffTextSaysSoUnderTheCall() {
		simulateCall("missed");
		assertThat(this.admin.get("/leads/" + this.leadId).body()).contains("Missed-call text goes by itself");

		this.clock.advance(Duration.ofSeconds(10));
		this.admin.post("/leads/" + this.leadId + "/messages", Map.of("body", "Sorry, calling you back now"));
		awaitPipelineIdle();
		this.clock.advance(Duration.ofSeconds(51));
		runDueBackgroundTasks();

		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("SELECT count(*) FROM calls WHERE missed_text_status = 'cancelled'") == 1);
		assertThat(this.admin.get("/leads/" + this.leadId).body())
			.contains("No missed-call text: Staff texted the caller");
	}

	@Test
	void inboxPreviewShowsTheLatestCallWhileItIsTheLatestItem() {
		simulateCall("voicemail");

		assertThat(row(this.admin.get("/").body())).contains("Call:").contains("Missed call · Voicemail 0:42");

		this.clock.advance(Duration.ofMinutes(1));
		this.admin.post("/leads/" + this.leadId + "/messages", Map.of("body", "Got your message, calling now"));

		assertThat(row(this.admin.get("/").body())).doesNotContain("Missed call")
			.contains("Got your message, calling now");
	}

	@Test
	void simulatedReplyWithAPhotoStoresTheSamplePhotoThroughTheMediaPathAndShowsAThumbnail() {
		Http.Answer reply = this.admin.post("/leads/" + this.leadId + "/simulated-reply",
				Map.of("body", "Here is the driveway", "photo", "true"));

		assertThat(reply.status()).isEqualTo(302);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> count("SELECT count(*) FROM message_media WHERE status = 'stored'") == 1);
		UUID mediaId = this.jdbc.sql("SELECT id FROM message_media").query(UUID.class).single();
		assertThat(this.jdbc.sql("SELECT provider_url FROM message_media").query(String.class).single())
			.isEqualTo("simulator:driveway.png");
		String page = this.admin.get("/leads/" + this.leadId).body();
		assertThat(page).contains("Here is the driveway")
			.contains("href=\"/media/" + mediaId + "\"")
			.contains("<img src=\"/media/" + mediaId + "\"");
		assertThat(this.admin.download("/media/" + mediaId).header("Content-Type")).isEqualTo("image/png");
	}

	@Test
	void photosFromTheComposerGoAsOneMmsAndShowAsThumbnails() {
		Http.Answer sent = this.admin.postMultipart("/leads/" + this.leadId + "/messages",
				Map.of("body", "The bore path", "sendKey", UUID.randomUUID().toString()),
				List.of(photo("path.png", TestImages.png(40, 30)), photo("yard.jpg", TestImages.jpeg(40, 30))));

		assertThat(sent.status()).isEqualTo(302);
		awaitPipelineIdle();
		List<UUID> media = this.jdbc.sql("SELECT id FROM message_media ORDER BY position").query(UUID.class).list();
		assertThat(media).hasSize(2);
		assertThat(count("SELECT count(*) FROM messages WHERE body = 'The bore path' AND status = 'sent'"))
			.isEqualTo(1);
		String page = this.admin.get("/leads/" + this.leadId).body();
		assertThat(page).contains("Sending.")
			.contains("<img src=\"/media/" + media.get(0) + "\"")
			.contains("<img src=\"/media/" + media.get(1) + "\"")
			.contains("<span class=\"segments-used\">MMS</span>");
	}

	@Test
	void photosAloneAreATextAndTheInboxPreviewSaysHowMany() {
		this.admin.postMultipart("/leads/" + this.leadId + "/messages", Map.of("body", ""),
				List.of(photo("a.png", TestImages.png(20, 20)), photo("b.png", TestImages.png(20, 20))));
		awaitPipelineIdle();

		assertThat(count("SELECT count(*) FROM messages WHERE body = '' AND direction = 'outbound'")).isEqualTo(1);
		assertThat(row(this.admin.get("/").body())).contains("You:").contains("2 photos");

		this.clock.advance(Duration.ofMinutes(2));
		this.admin.postMultipart("/leads/" + this.leadId + "/messages", Map.of("body", ""),
				List.of(photo("c.png", TestImages.png(20, 20))));
		awaitPipelineIdle();

		assertThat(row(this.admin.get("/").body())).containsPattern(">Photo<");
	}

	@Test
	void composerRefusesASixthPhotoWithTheReasonKeepsTheWordsAndStoresNothing() {
		List<Http.FilePart> six = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			six.add(photo("p" + i + ".png", TestImages.png(10, 10)));
		}

		this.admin.postMultipart("/leads/" + this.leadId + "/messages", Map.of("body", "Six of them"), six);

		String page = this.admin.get("/leads/" + this.leadId).body();
		assertThat(page).contains("Not sent: at most 5 photos a text.").contains(">Six of them</textarea>");
		assertThat(count("SELECT count(*) FROM messages WHERE body = 'Six of them'")).isZero();
		assertThat(count("SELECT count(*) FROM message_media")).isZero();
	}

	@Test
	void composerRefusesAFileThatIsNotAPhotoAndStoresNothing() {
		this.admin.postMultipart("/leads/" + this.leadId + "/messages", Map.of("body", "The permit"),
				List.of(new Http.FilePart("media", "permit.jpg", "image/jpeg", TestImages.pdf())));

		assertThat(this.admin.get("/leads/" + this.leadId).body())
			.contains("Not sent: “permit.jpg” is not a photo (JPEG, PNG, GIF or WebP).");
		assertThat(count("SELECT count(*) FROM messages WHERE body = 'The permit'")).isZero();
		assertThat(count("SELECT count(*) FROM message_media")).isZero();
	}

	private Http.Answer simulateCall(String outcome) {
		return this.admin.post("/leads/" + this.leadId + "/simulated-call", Map.of("outcome", outcome));
	}

	private static Http.FilePart photo(String name, byte[] content) {
		return new Http.FilePart("media", name, name.endsWith(".png") ? "image/png" : "image/jpeg", content);
	}

	/** The inbox row of the lead. */
	private String row(String inbox) {
		int start = inbox.indexOf("data-lead-id=\"" + this.leadId + "\"");
		assertThat(start).as("the lead's row in the inbox").isPositive();
		return inbox.substring(start, inbox.indexOf("</li>", start));
	}

}
