package com.leadresponse;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.audit.AuditLog;
import com.leadresponse.support.Browser;
import com.leadresponse.support.BrowserIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages of SPEC 11 business hours, review requests and the audit log in headless
 * Chromium at 390 px with touch and at 1280 px, with screenshots: the lead page's review
 * switch works at phone width, and every control is at least 44 px tall with 16 px inputs
 * and nothing wider than the screen.
 */
class TeamPagesBrowserTest extends BrowserIntegrationTest {

	private static final String PHONE = "+15125550134";

	private static Browser browser;

	@Autowired
	AuditLog audit;

	@BeforeEach
	void openBrowser() {
		if (browser == null) {
			browser = Browser.start(this.port);
		}
	}

	@AfterEach
	void backToDesktop() {
		browser.fullWidth();
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	@Test
	void staffTurnOffALeadsReviewRequestOnAPhone() {
		UUID lead = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.width(390);
		browser.open("/leads/" + lead);

		browser.click(".review-request button");

		browser.waitForText("Turned off for this lead");
		browser.screenshot("lead-review-request-off", 390);
		assertThat(this.jdbc.sql("SELECT enabled FROM review_requests WHERE lead_id = :id")
			.param("id", lead)
			.query(Boolean.class)
			.single()).isFalse();
	}

	@Test
	void theTeamPagesFitAPhoneWithTapSizedControls() {
		UUID lead = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		for (int i = 0; i < 3; i++) {
			this.audit.record(ADMIN_EMAIL, "lead.status_changed", "lead:" + lead,
					Map.of("from", "contacted", "to", "won", "reason", "Signed the bore under the driveway"));
		}
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		for (int width : new int[] { 390, 1280 }) {
			browser.width(width);
			for (String path : List.of("/settings", "/settings/audit-log", "/leads/" + lead)) {
				browser.open(path);
				browser.waitUntil((d) -> d.findElements(By.tagName("main")).size() == 1);
				assertThat(tooSmall()).as("controls under 44 px or inputs under 16 px on %s at %d px", path, width)
					.isEmpty();
				assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
					.as("wider than the screen: %s at %d px", path, width)
					.isEqualTo(true);
			}
			browser.open("/settings/audit-log");
			browser.screenshot("settings-audit-log", width);
		}
	}

	/** Visible controls shorter than 44 px, and inputs with text under 16 px. */
	private List<Map<String, Object>> tooSmall() {
		return browser.controlsTooSmall();
	}

}
