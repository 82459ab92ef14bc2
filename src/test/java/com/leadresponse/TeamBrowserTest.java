package com.leadresponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.support.AuthenticatorApp;
import com.leadresponse.support.Browser;
import com.leadresponse.support.BrowserIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Working as a team (SPEC 11) in Debian's headless Chromium at phone width: the inbox's
 * "Mine" and "Unassigned" filters and reassigning from the lead page; setting up
 * two-factor sign-in from the profile (the key read from the page, the code computed as
 * an authenticator app does) and signing in with it.
 */
@EnabledIf(value = "com.leadresponse.support.Browser#canRun",
		disabledReason = "Chromium is not installed (apt-get install chromium chromium-driver)")
class TeamBrowserTest extends BrowserIntegrationTest {

	private static Browser browser;

	@Autowired
	private StaffAccounts accounts;

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
	void mineAndUnassignedFiltersShowWhoOwnsWhatAndALeadIsTakenFromItsPage() {
		UUID admin = adminId();
		this.accounts.setTakesNewLeads(admin, true);
		createLead("Maria Mine", "+15125550134");
		this.accounts.setTakesNewLeads(admin, false);
		UUID unowned = createLead("Omar Open", "+15125550135");
		awaitPipelineIdle();

		browser.width(390);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/");
		assertThat(filterChipsOffScreenOrSmall()).as("filter chips at 390 px").isEmpty();
		browser.driver().findElement(By.linkText("Mine")).click();
		browser.waitUntil((d) -> d.getCurrentUrl().contains("status=mine"));
		assertThat(leadNames()).containsExactly("Maria Mine");
		browser.screenshot("inbox-mine", 390);

		browser.driver().findElement(By.linkText("Unassigned")).click();
		browser.waitUntil((d) -> d.getCurrentUrl().contains("status=unassigned"));
		assertThat(leadNames()).containsExactly("Omar Open");

		browser.open("/leads/" + unowned);
		WebElement owner = browser.find("#owner");
		assertThat(owner.getRect().getHeight()).isGreaterThanOrEqualTo(44);
		new Select(owner).selectByVisibleText("Admin");
		browser.waitForText("Now Admin's lead.");
		assertThat(this.jdbc.sql("SELECT assigned_to FROM leads WHERE id = :id")
			.param("id", unowned)
			.query(UUID.class)
			.single()).isEqualTo(admin);
		browser.screenshot("lead-owner", 390);

		browser.open("/?status=mine");
		assertThat(leadNames()).containsExactlyInAnyOrder("Maria Mine", "Omar Open");
		browser.open("/?status=unassigned");
		browser.waitForText("Every lead has an owner.");
	}

	@Test
	void twoFactorIsSetUpFromTheProfileWithItsKeyAndThenAsksForTheCodeAfterThePassword() {
		browser.width(390);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/profile");
		browser.click("#two-factor a.btn");
		browser.waitUntil((d) -> d.getCurrentUrl().endsWith("/profile/two-factor"));
		assertThat(browser.find("img.qr").getRect().getWidth()).isGreaterThanOrEqualTo(200);
		assertThat(tooSmall()).as("controls of the setup page").isEmpty();
		browser.screenshot("two-factor-setup", 390);
		String key = browser.find("#totp-secret").getAttribute("data-secret");
		assertThat(browser.textOf("#totp-secret").replace(" ", "")).isEqualTo(key);

		browser.find("#totp-code").sendKeys(AuthenticatorApp.code(key, this.clock.instant()));
		browser.click(".two-factor-setup button[type=submit]");
		browser.waitForText("shown only once");
		assertThat(browser.driver().findElements(By.cssSelector(".recovery-codes code"))).hasSize(10);
		browser.screenshot("two-factor-recovery-codes", 390);
		browser.click(".form-actions a.btn");
		browser.waitUntil((d) -> d.getCurrentUrl().endsWith("/profile"));
		assertThat(browser.text()).contains("10 of 10 recovery codes left.").doesNotContain(key);

		browser.click("form.signout button");
		browser.waitUntil((d) -> d.getCurrentUrl().contains("/login"));
		browser.find("#username").sendKeys(ADMIN_EMAIL);
		browser.find("#password").sendKeys(ADMIN_PASSWORD);
		browser.click("form.login-card button[type=submit]");
		browser.waitUntil((d) -> d.getCurrentUrl().endsWith("/login/code"));
		assertThat(tooSmall()).as("controls of the code page").isEmpty();
		browser.screenshot("two-factor-code", 390);
		// The code that turned it on was used: the app shows the next one 30 s later.
		this.clock.advance(Duration.ofSeconds(30));
		browser.find("#code").sendKeys(AuthenticatorApp.code(key, this.clock.instant()));
		browser.click("form.login-card button[type=submit]");
		browser.waitUntil((d) -> !d.getCurrentUrl().contains("/login"));
		browser.waitUntil(
				(d) -> d.findElements(By.cssSelector("h1")).stream().anyMatch((h) -> h.getText().equals("Inbox")));
	}

	/** Visible controls shorter than 44 px, and inputs with text under 16 px. */
	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> tooSmall() {
		return (List<Map<String, Object>>) browser
			.script("""
					var out = [];
					document.querySelectorAll('main a, main button, main select, main input, main textarea').forEach(function (el) {
					  var box = el.getBoundingClientRect();
					  if (box.width === 0 || box.height === 0 || el.type === 'hidden') {
					    return;
					  }
					  if (box.height < 43.5) {
					    out.push({ what: el.outerHTML.substring(0, 80), height: box.height });
					  }
					  if ((el.tagName === 'INPUT' || el.tagName === 'SELECT') && parseFloat(getComputedStyle(el).fontSize) < 16) {
					    out.push({ what: el.outerHTML.substring(0, 80), fontSize: getComputedStyle(el).fontSize });
					  }
					});
					return out;
					""");
	}

	/** Filter chips that leave the screen or are shorter than 44 px. */
	@SuppressWarnings("unchecked")
	private List<String> filterChipsOffScreenOrSmall() {
		return (List<String>) browser.script("""
				var out = [];
				document.querySelectorAll('.filter-row a, .filter-row select').forEach(function (el) {
				  var box = el.getBoundingClientRect();
				  if (box.right > window.innerWidth + 0.5 || box.left < -0.5 || box.height < 43.5) {
				    out.push(el.textContent);
				  }
				});
				return out;
				""");
	}

	private List<String> leadNames() {
		return browser.waitUntil((d) -> d.findElements(By.cssSelector("#lead-list .lead-row .name"))
			.stream()
			.map(WebElement::getText)
			.toList());
	}

	private UUID adminId() {
		return this.jdbc.sql("SELECT id FROM users WHERE email = :email")
			.param("email", ADMIN_EMAIL)
			.query(UUID.class)
			.single();
	}

}
