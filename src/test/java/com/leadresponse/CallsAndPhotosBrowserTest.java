package com.leadresponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Browser;
import com.leadresponse.support.BrowserIntegrationTest;
import com.leadresponse.support.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls and photos on the lead page (SPEC 6, 8, 10) in Debian's headless Chromium, at 390
 * px with touch and at 1280 px, with screenshots: a missed call and its voicemail, whose
 * player plays from the service's own address; a photo picked in the composer at phone
 * width, previewed, sent and shown as a thumbnail; the picker's own checks; the
 * simulator's photo reply as a thumbnail that opens full size; and every new control at
 * least 44 px tall with 16 px inputs.
 */
@EnabledIf(value = "com.leadresponse.support.Browser#canRun",
		disabledReason = "Chromium is not installed (apt-get install chromium chromium-driver)")
class CallsAndPhotosBrowserTest extends BrowserIntegrationTest {

	private static final String PHONE = "+15125550134";

	private static Browser browser;

	@TempDir
	Path files;

	private UUID leadId;

	@BeforeEach
	void openBrowserOnALead() {
		if (browser == null) {
			browser = Browser.start(this.port);
		}
		this.leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		this.clock.advance(Duration.ofMinutes(2));
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
	}

	@AfterEach
	void backToDesktop() {
		browser.fullWidth();
		browser.script("window.localStorage.clear()");
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	@Test
	void missedCallAndItsVoicemailShowOnTheLeadPageAndPlayFromTheService() {
		browser.width(390);
		browser.open("/leads/" + this.leadId);

		browser.click("button[name=outcome][value=voicemail]");

		browser.waitForText("Voicemail 0:42");
		UUID callId = this.jdbc.sql("SELECT id FROM calls").query(UUID.class).single();
		WebElement player = browser.find(".call .voicemail audio");
		assertThat(player.getDomAttribute("src")).isEqualTo("/api/calls/" + callId + "/recording");
		assertThat(browser.textOf(".call")).contains("Missed call").contains("Voicemail 0:42");
		// The browser's own player reads the recording from the service: 42 seconds.
		browser.script("var a = arguments[0]; a.preload = 'metadata'; a.load();", player);
		browser.waitUntil((d) -> ((Number) browser
			.script("var a = arguments[0]; return isFinite(a.duration) ? Math.round(a.duration) : -1;", player))
			.intValue() == 42);
		for (int width : new int[] { 390, 1280 }) {
			browser.width(width);
			@SuppressWarnings("unchecked")
			Map<String, Object> box = (Map<String, Object>) browser.script(
					"var r = arguments[0].getBoundingClientRect(); return {left: r.left, right: r.right, height: r.height};",
					player);
			assertThat(((Number) box.get("left")).doubleValue()).as("player on screen at %d px", width)
				.isGreaterThanOrEqualTo(0);
			assertThat(((Number) box.get("right")).doubleValue()).as("player on screen at %d px", width)
				.isLessThanOrEqualTo(width);
			assertThat(((Number) box.get("height")).doubleValue()).isGreaterThanOrEqualTo(43.5);
			browser.screenshot("lead-missed-call-voicemail", width);
		}
	}

	@Test
	void photoPickedInTheComposerAtPhoneWidthIsSentAndShownAsAThumbnail() throws IOException {
		browser.width(390);
		browser.open("/leads/" + this.leadId);
		browser.find("#body").sendKeys("Here is the bore path");

		browser.find("#photos").sendKeys(file("bore-path.png", TestImages.png(400, 300)).toString());

		browser.waitUntil((d) -> d.findElements(By.cssSelector("#photo-previews .photo-preview")).size() == 1);
		assertThat(browser.textOf("#photo-previews")).contains("bore-path.png");
		assertThat(browser.textOf("#segment-count")).contains("MMS with 1 photo");
		browser.screenshot("composer-photo-picked", 390);
		browser.click("#composer button[type=submit]");

		browser.waitForText("Sending.");
		browser.waitUntil((d) -> loaded(".msg.out .thumb img") == 1);
		assertThat(count("SELECT count(*) FROM message_media WHERE status = 'stored'")).isEqualTo(1);
		assertThat(browser.find("#photo-previews").findElements(By.tagName("li"))).isEmpty();
		assertThat(browser.textOf("#segment-count")).doesNotContain("MMS");
		browser.screenshot("lead-photo-sent", 390);
	}

	@Test
	void pickerKeepsAtMostFivePhotosSaysWhyAndRemoveTakesOneOut() throws IOException {
		browser.width(390);
		browser.open("/leads/" + this.leadId);
		List<String> six = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			six.add(file("photo-" + i + ".png", TestImages.png(30 + i, 30)).toString());
		}

		browser.find("#photos").sendKeys(String.join("\n", six));

		browser.waitUntil((d) -> d.findElements(By.cssSelector("#photo-previews .photo-preview")).size() == 5);
		assertThat(browser.textOf("#photo-error")).contains("At most 5 photos a text: “photo-6.png” was not added.");
		assertThat(browser.textOf("#segment-count")).contains("MMS with 5 photos");
		assertThat(tooSmall()).as("controls under 44 px or inputs under 16 px with photos picked").isEmpty();
		browser.screenshot("composer-five-photos", 390);

		browser.click("#photo-previews .photo-preview button");

		browser.waitUntil((d) -> d.findElements(By.cssSelector("#photo-previews .photo-preview")).size() == 4);
		assertThat(browser.textOf("#segment-count")).contains("MMS with 4 photos");
		assertThat(((Number) browser.script("return document.getElementById('photos').files.length")).intValue())
			.isEqualTo(4);
	}

	@Test
	void photoTheServerRefusesIsSaidPlainlyAndTheWordsAndPhotosStayInTheComposer() throws IOException {
		browser.width(390);
		browser.open("/leads/" + this.leadId);
		browser.find("#body").sendKeys("The permit");
		// Named as a photo, so the picker takes it; its bytes are a PDF, so the server
		// does not.
		browser.find("#photos").sendKeys(file("permit.png", TestImages.pdf()).toString());
		browser.waitUntil((d) -> d.findElements(By.cssSelector("#photo-previews .photo-preview")).size() == 1);

		browser.click("#composer button[type=submit]");

		browser.waitForText("Not sent: “permit.png” is not a photo (JPEG, PNG, GIF or WebP).");
		browser.waitUntil((d) -> d.findElements(By.cssSelector("#photo-previews .photo-preview")).size() == 1);
		assertThat(browser.find("#body").getAttribute("value")).isEqualTo("The permit");
		assertThat(((Number) browser.script("return document.getElementById('photos').files.length")).intValue())
			.isEqualTo(1);
		assertThat(count("SELECT count(*) FROM messages WHERE body = 'The permit'")).isZero();
		browser.screenshot("composer-photo-refused", 390);
	}

	@Test
	void inboundPhotosShowAsThumbnailsThatOpenFullSize() {
		browser.open("/leads/" + this.leadId);

		browser.click("button.simulate-photo");

		browser.waitForText("Simulated a reply with a photo from the lead.");
		browser.waitUntil((d) -> loaded(".msg.in .thumb img") == 1);
		for (int width : new int[] { 390, 1280 }) {
			browser.width(width);
			browser.open("/leads/" + this.leadId);
			browser.waitUntil((d) -> loaded(".msg.in .thumb img") == 1);
			assertThat(tooSmall()).as("controls under 44 px or inputs under 16 px at %d px", width).isEmpty();
			browser.screenshot("lead-inbound-photo", width);
		}
		browser.fullWidth();

		browser.click(".msg.in .thumb");

		browser.waitUntil((d) -> browser.path().startsWith("/media/"));
		browser.waitUntil((d) -> ((Number) browser
			.script("var i = document.querySelector('img'); return i && i.complete ? i.naturalWidth : 0;"))
			.intValue() == 160);
		browser.open("/leads/" + this.leadId);
	}

	@Test
	void everyNewControlIsAtLeast44PxTallAndEveryInput16PxWithACallAPhotoAndTheSimulator() {
		browser.open("/leads/" + this.leadId);
		browser.click("button[name=outcome][value=voicemail]");
		browser.waitForText("Voicemail 0:42");
		this.clock.advance(Duration.ofMinutes(1));
		// The missed-call text goes when its grace delay ends; the photo comes after it,
		// so
		// the inbox's preview is the photo's text.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> count("SELECT count(*) FROM messages WHERE body LIKE 'Sorry we missed your call%'"
					+ " AND status = 'sent'") == 1);
		this.clock.advance(Duration.ofSeconds(1));
		browser.click("button.simulate-photo");
		browser.waitUntil((d) -> loaded(".msg.in .thumb img") == 1);
		for (int width : new int[] { 390, 1280 }) {
			browser.width(width);
			browser.open("/leads/" + this.leadId);
			browser.waitUntil((d) -> loaded(".msg.in .thumb img") == 1);
			assertThat(tooSmall()).as("controls under 44 px or inputs under 16 px at %d px", width).isEmpty();
			browser.open("/");
			assertThat(browser.textOf(".lead-row")).contains("Yes, please call me.");
			assertThat(tooSmall()).as("inbox controls at %d px", width).isEmpty();
			browser.screenshot("lead-call-and-photo", width);
		}
	}

	private Path file(String name, byte[] content) throws IOException {
		return Files.write(this.files.resolve(name), content);
	}

	/** How many images of this selector have loaded. */
	private int loaded(String css) {
		return ((Number) browser.script("return Array.prototype.filter.call(document.querySelectorAll(arguments[0]),"
				+ " function (i) { return i.complete && i.naturalWidth > 0; }).length", css))
			.intValue();
	}

	/** Visible controls shorter than 44 px, and inputs with text under 16 px. */
	private List<Map<String, Object>> tooSmall() {
		return browser.controlsTooSmall();
	}

}
