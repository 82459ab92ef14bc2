package com.leadresponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.support.Browser;
import com.leadresponse.support.SimulatorIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Working as a team (SPEC 11) in Debian's headless Chromium at phone width: the inbox's
 * "Mine" and "Unassigned" filters and reassigning from the lead page.
 */
@EnabledIf(value = "com.leadresponse.support.Browser#canRun",
		disabledReason = "Chromium is not installed (apt-get install chromium chromium-driver)")
class TeamBrowserTest extends SimulatorIntegrationTest {

	/**
	 * The browser reaches the product at its {@code APP_PUBLIC_URL}, as staff do: every
	 * redirect (to the second step of signing in too) is built from it.
	 */
	private static final int PORT = freePort();

	@DynamicPropertySource
	static void publicUrlOfTheBrowser(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("app.public-url", () -> "http://localhost:" + PORT);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

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
