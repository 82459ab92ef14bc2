package com.leadresponse.sources;

import java.util.UUID;

import com.leadresponse.support.Browser;
import com.leadresponse.support.BrowserPublicUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Lead sources" page, the lead page's submissions and the submissions without a lead
 * in a real browser, on a phone and on a desktop: every control at least 44 px tall,
 * inputs at 16 px, nothing wider than the screen; a secret made on a phone is shown once.
 */
@EnabledIf(value = "com.leadresponse.support.Browser#canRun",
		disabledReason = "Chromium is not installed (apt-get install chromium chromium-driver)")
class LeadSourcesBrowserTest extends SourceTest {

	/**
	 * The browser reaches the product at its {@code APP_PUBLIC_URL}, as staff do: every
	 * redirect is built from it.
	 */
	private static final int PORT = BrowserPublicUrl.freePort();

	@DynamicPropertySource
	static void publicUrlOfTheBrowser(DynamicPropertyRegistry registry) {
		BrowserPublicUrl.register(registry, PORT);
	}

	private static Browser browser;

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
	void anAdminMakesTheAngiKeyOnAPhone() {
		browser.width(390);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/settings");
		browser.find("a[href='/settings/sources']").click();
		browser.waitForText("URL to paste");

		browser.find("#source-angi button[type=submit]").click();
		browser.waitForText("it will not be shown again");

		String key = browser.find("#new-secret-0").getAttribute("value");
		assertThat(this.http.postJson("/api/sources/angi", sample("angi-lead.json"), "x-api-key", key).status())
			.isEqualTo(200);
		browser.screenshot("lead-sources-new-key", 390);
	}

	@Test
	void everyControlIsAtLeast44PxTallAndNothingScrollsSideways() {
		setSecrets("{\"angiApiKey\": \"" + ANGI_KEY + "\"}");
		this.http.postJson("/api/sources/angi", sample("angi-lead.json"), "x-api-key", ANGI_KEY);
		this.http.postJson("/api/sources/angi", sample("angi-lead.json", (lead) -> {
			lead.put("leadOid", 5);
			lead.put("primaryPhone", "n/a");
		}), "x-api-key", ANGI_KEY);
		this.http.postJson("/api/sources/angi", sample("angi-lead.json"), "x-api-key", "wrong");
		UUID leadId = this.jdbc.sql("SELECT id FROM leads").query(UUID.class).single();
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		for (int width : new int[] { 390, 1280 }) {
			browser.width(width);
			for (String path : new String[] { "/settings/sources", "/leads/" + leadId, "/leads/without-lead", "/" }) {
				browser.open(path);
				browser.waitUntil((d) -> d.findElements(By.tagName("main")).size() == 1);
				assertThat(browser.controlsTooSmall())
					.as("controls under 44 px or inputs under 16 px on %s at %d px", path, width)
					.isEmpty();
				assertThat(browser.scrollsSideways()).as("%s scrolls sideways at %d px", path, width).isFalse();
			}
			browser.open("/settings/sources");
			browser.screenshot("lead-sources", width);
			browser.open("/leads/" + leadId);
			browser.screenshot("lead-submissions", width);
			browser.open("/leads/without-lead");
			browser.screenshot("submissions-without-lead", width);
		}
	}

}
