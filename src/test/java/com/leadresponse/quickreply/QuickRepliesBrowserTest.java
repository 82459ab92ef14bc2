package com.leadresponse.quickreply;

import java.util.List;
import java.util.UUID;

import com.leadresponse.support.Browser;
import com.leadresponse.support.BrowserIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quick replies in the composer (SPEC 11), in Debian's headless Chromium at 390 px with
 * touch: "/" and a few letters open the list filtered, Enter picks, a tap on "Quick
 * replies" and on a reply picks; the composer then holds the text filled for the lead.
 * The settings pages of quick replies and webhooks fit a phone, every control 44 px tall.
 */
@EnabledIf(value = "com.leadresponse.support.Browser#canRun",
		disabledReason = "Chromium is not installed (apt-get install chromium chromium-driver)")
class QuickRepliesBrowserTest extends BrowserIntegrationTest {

	private static Browser browser;

	@Autowired
	QuickReplies replies;

	@BeforeEach
	void openBrowser() {
		if (browser == null) {
			browser = Browser.start(this.port);
		}
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	@Test
	void slashAndAFewLettersInsertAQuickReplyFilledForTheLeadAtPhoneWidth() {
		this.replies.create("price", "Hi {firstName}, a driveway bore with {businessName} starts at $900.");
		this.replies.create("on-my-way", "On my way, {firstName}!");
		this.replies.create("photos", "Could you text us a photo of the spot?");
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		browser.width(390);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/leads/" + leadId);
		browser.script("window.localStorage.clear()");

		WebElement body = browser.find("#body");
		body.click();
		body.sendKeys("Sure. /pr");
		browser.waitUntil((d) -> d.findElement(By.id("quick-menu")).isDisplayed());
		assertThat(browser.driver()
			.findElements(By.cssSelector(".quick-option"))
			.stream()
			.filter(WebElement::isDisplayed)
			.map((option) -> option.getAttribute("data-shortcut"))).containsExactly("price");
		assertThat(browser.controlsTooSmall()).as("controls under 44 px with the quick replies open").isEmpty();
		browser.screenshot("composer-quick-replies", 390);
		body.sendKeys(Keys.ENTER);

		assertThat(browser.find("#body").getAttribute("value"))
			.isEqualTo("Sure. Hi Maria, a driveway bore with Our team starts at $900.");
		assertThat(browser.find("#quick-menu").isDisplayed()).isFalse();

		browser.find("#body").clear();
		browser.find("#quick-toggle").click();
		browser.waitUntil((d) -> d.findElement(By.id("quick-menu")).isDisplayed());
		assertThat(
				browser.driver().findElements(By.cssSelector(".quick-option")).stream().filter(WebElement::isDisplayed))
			.hasSize(3);
		browser.find(".quick-option[data-shortcut='on-my-way']").click();

		assertThat(browser.find("#body").getAttribute("value")).isEqualTo("On my way, Maria!");
		browser.screenshot("composer-quick-reply-inserted", 390);
	}

	@Test
	void theQuickRepliesAndWebhooksSettingsPagesFitAPhone() {
		this.replies.create("price", "Hi {firstName}, a driveway bore starts at $900.");
		this.jdbc.sql("""
				INSERT INTO webhook_endpoints (id, url, events, secret, created_at)
				VALUES (gen_random_uuid(), 'https://crm.example.com/hooks/leads/with/a/long/path', '{lead.created}',
				        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', now())
				""").update();
		createLead("Maria Lopez", "+15125550134");
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		for (int width : new int[] { 390, 1280 }) {
			browser.width(width);
			for (String page : List.of("quick-replies", "webhooks")) {
				browser.open("/settings/" + page);
				browser.waitUntil((d) -> d.findElements(By.tagName("main")).size() == 1);
				assertThat(browser.controlsTooSmall()).as("controls under 44 px on %s at %d px", page, width).isEmpty();
				assertThat((Boolean) browser.script("return document.documentElement.scrollWidth > window.innerWidth"))
					.as("%s wider than the screen at %d px", page, width)
					.isFalse();
				browser.screenshot("settings-" + page, width);
			}
		}
	}

}
