package com.leadresponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffRole;
import com.leadresponse.sms.SmsGateway;
import com.leadresponse.support.Browser;
import com.leadresponse.support.BrowserIntegrationTest;
import com.leadresponse.support.Http;
import com.leadresponse.support.Showcase;
import com.leadresponse.webhook.InboundMessageHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff web app in real headless Chromium, against the product running with its SMS
 * simulator: what a staff member does all day, what an agent may not do, what a lead
 * typed staying text, and screenshots of every page at phone and desktop width. One
 * browser and one application for the whole class.
 */
@EnabledIf(value = "com.leadresponse.support.Browser#canRun",
		disabledReason = "Chromium is not installed (apt-get install chromium chromium-driver)")
class StaffWebAppBrowserTest extends BrowserIntegrationTest {

	static final String AGENT_EMAIL = "agent@example.com";

	static final String AGENT_PASSWORD = "agent-password-1";

	private static Browser browser;

	@Autowired
	StaffAccounts accounts;

	@Autowired
	SmsGateway gateway;

	@Autowired
	InboundMessageHandler inbound;

	@BeforeEach
	void openBrowser() {
		if (browser == null) {
			browser = Browser.start(this.port);
		}
		this.accounts.create(AGENT_EMAIL, "Dana Agent", AGENT_PASSWORD, StaffRole.AGENT);
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
	}

	@Test
	void adminWorksALeadFromFirstTextToWon() {
		assertThat(this.gateway.simulated()).isTrue();
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

		browser.find("details.add-lead summary").click();
		browser.find("#add-name").sendKeys("Maria Lopez");
		browser.find("#add-phone").sendKeys("(512) 555-0134");
		browser.find("#add-message").sendKeys("Bore under my driveway");
		browser.find("details.add-lead button[type=submit]").click();
		browser.waitForText("Lead added. The instant response is on its way.");
		browser.waitUntil((d) -> sentBubbles().size() == 1);
		assertThat(browser.text()).contains("Hi Maria, thanks for reaching out to Our team!")
			.contains("Instant response")
			.contains("Sent by simulator")
			.contains("1 of 5 today");
		UUID leadId = UUID.fromString(browser.path().substring("/leads/".length()));

		this.clock.advance(Duration.ofSeconds(61));
		send("Can we come by at 4?");
		browser.waitForText("Sending. The sequence is paused.");
		browser.waitUntil((d) -> sentBubbles().size() == 2);
		assertThat(browser.text()).contains("Can we come by at 4?").contains("2 of 5 today, next in 60 s");

		// Issue 11: the composer sends a text typed too soon when allowed instead of
		// blocking
		// it (a plain post without whenAllowed is still blocked: StaffPagesTest);
		// cancelled,
		// it is back in the composer for the admin's bypass below.
		send("Also, bring the permit");
		browser.waitForText("Too soon after the last text: it goes by itself in 60 s.");
		assertThat(browser.textOf(".msg[data-status=queued]")).contains("Also, bring the permit")
			.contains("Goes by itself");
		browser.find(".msg .waiting button").click();
		browser.waitForText("Cancelled. The text was not sent");
		assertThat(browser.find("#body").getAttribute("value")).isEqualTo("Also, bring the permit");

		browser.find("input[name=bypassLimits]").click();
		String question = browser.driver().switchTo().alert().getText();
		browser.driver().switchTo().alert().accept();
		assertThat(question).startsWith("Bypass the SMS limits for this text?");
		browser.find("#composer button[type=submit]").click();
		browser.waitForText("Sending, past the limits.");
		browser.waitUntil((d) -> sentBubbles().size() == 3);
		assertThat(count("SELECT count(*) FROM messages WHERE status = 'sent' AND body = 'Also, bring the permit'"))
			.isEqualTo(1);

		browser.click("form button.btn.ok");
		browser.waitForText("Closed as won. The sequence has ended.");
		assertThat(browser.textOf("#lead-status")).isEqualToIgnoringCase("won");
		assertThat(leadStatus(leadId)).isEqualTo("won");
	}

	@Test
	void composerCountsSegmentsAndNamesTheCharacterThatForcesUcs2() {
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/leads/" + leadId);

		browser.find("#body").sendKeys("See you at 4 pm");
		assertThat(browser.find("#segment-count").getText()).isEqualTo("15/160 · 1 SMS · GSM-7");
		browser.find("#body").sendKeys(", it’s booked");

		assertThat(browser.find("#segment-count").getText()).isEqualTo("28/70 · 1 SMS · UCS-2 because of “’” (U+2019)");
		browser.find("#body").sendKeys(" " + "x".repeat(50));
		assertThat(browser.find("#segment-count").getText()).startsWith("79/134 · 2 SMS · UCS-2");
	}

	@Test
	void simulatedReplyArrivesThroughTheWebhookPathAndEndsTheSequence() {
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/leads/" + leadId);

		browser.find("#simulated-body").clear();
		browser.find("#simulated-body").sendKeys("Yes, Thursday works");
		browser.find("form.simulate button").click();

		browser.waitForText("Simulated a reply from the lead.");
		assertThat(browser.textOf(".msg.in")).contains("Yes, Thursday works").contains("Received");
		assertThat(browser.text()).contains("Ended").contains("Lead replied");
		assertThat(leadStatus(leadId)).isEqualTo("replied");
		assertThat(count("SELECT count(*) FROM processed_webhooks WHERE webhook_type = 'twilio_inbound'")).isEqualTo(1);
	}

	@Test
	void inboundTextAppearsInTheOpenInboxAndLeadPageWithoutReload() {
		createLead("John Smith", "+15125550999");
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/");
		browser.waitForText("Maria Lopez");
		browser.script("document.body.setAttribute('data-loaded-once', 'yes')");

		this.clock.advance(Duration.ofMinutes(1));
		this.inbound.handle(inboundSms("SM" + "c".repeat(32), "+15125550999", "Is Friday possible?"));

		browser.waitForText("Lead: Is Friday possible?");
		assertThat(browser.textOf(".lead-row.unread")).contains("John Smith");
		assertThat(browser.find("body").getAttribute("data-loaded-once")).isEqualTo("yes");

		browser.open("/leads/" + leadId);
		browser.script("document.body.setAttribute('data-loaded-once', 'yes')");
		this.clock.advance(Duration.ofMinutes(1));
		this.inbound.handle(inboundSms("SM" + "d".repeat(32), "+15125550134", "Thursday at 4 works"));

		browser.waitUntil((d) -> d.findElement(By.cssSelector(".thread")).getText().contains("Thursday at 4 works"));
		browser.waitUntil((d) -> d.findElement(By.id("lead-status")).getText().equalsIgnoreCase("replied"));
		assertThat(browser.find("body").getAttribute("data-loaded-once")).isEqualTo("yes");
	}

	@Test
	void editedSequenceStepShowsItsPreviewLiveAndWhenSaved() {
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/settings/sequence");
		WebElement step2 = browser.find("#template-1");

		step2.clear();
		step2.sendKeys("Hi {firstName}, {businessName} can drill on Friday. Reply YES to book.");

		browser.waitUntil((d) -> d.findElement(By.id("preview-1"))
			.getText()
			.contains("Hi Maria, Our team can drill on Friday. Reply YES to book."));
		browser.find("button[value=save]").click();
		browser.waitForText("Sequence saved.");
		assertThat(browser.textOf("#preview-1")).contains("Hi Maria, Our team can drill on Friday. Reply YES to book.")
			.contains("1 SMS · GSM-7");
		assertThat(
				this.jdbc.sql("SELECT template FROM sequence_steps WHERE step_number = 2").query(String.class).single())
			.isEqualTo("Hi {firstName}, {businessName} can drill on Friday. Reply YES to book.");
	}

	@Test
	void agentCannotOpenSettingsNorBypassLimits() {
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		this.clock.advance(Duration.ofMinutes(5));
		browser.signIn(AGENT_EMAIL, AGENT_PASSWORD);

		assertThat(browser.driver().findElements(By.cssSelector(".mainnav a[href='/settings']"))).isEmpty();
		browser.open("/settings");
		assertThat(browser.text()).contains("403").contains("Not allowed");

		browser.open("/leads/" + leadId);
		assertThat(browser.driver().findElements(By.name("bypassLimits"))).isEmpty();
		browser.find("#body").sendKeys("Forged bypass");
		browser.script("var box = document.createElement('input'); box.type = 'hidden'; box.name = 'bypassLimits';"
				+ " box.value = 'true'; document.getElementById('composer').appendChild(box);"
				+ " document.getElementById('composer').submit();");

		browser.waitForText("Not allowed");
		assertThat(count("SELECT count(*) FROM messages WHERE body = 'Forged bypass'")).isZero();
	}

	@Test
	void whatALeadTypedIsShownAsTextNeverRun() {
		String name = "<script>window.__xss = 1</script><img id=\"injected-name\" src=x onerror=\"window.__xss = 2\">";
		String message = "<b id=\"injected-message\">Urgent</b>";
		Map<String, String> lead = new LinkedHashMap<>();
		lead.put("name", name);
		lead.put("phone", "+15125550134");
		lead.put("message", message);
		Http.Answer created = this.http.postJson("/api/leads", Http.JSON.writeValueAsString(lead), "X-Api-Key",
				API_KEY);
		UUID leadId = UUID.fromString(created.json().get("id").asString());
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);

		browser.open("/leads/" + leadId);
		this.clock.advance(Duration.ofSeconds(5));
		String reply = "<img id=\"injected-reply\" src=x onerror=\"window.__xss = 3\">";
		browser.find("#simulated-body").clear();
		browser.find("#simulated-body").sendKeys(reply);
		browser.find("form.simulate button").click();
		browser.waitForText("Simulated a reply from the lead.");

		assertThat(browser.text()).contains(name).contains(message).contains(reply);
		assertNothingRanOrWasInjected();
		browser.open("/");
		browser.waitForText(name);
		assertThat(browser.text()).contains(reply);
		assertNothingRanOrWasInjected();
	}

	@Test
	void screenshotsOfEveryPageAtPhoneAndDesktopWidth() throws Exception {
		UUID maria = new Showcase(this.jdbc, START).write();
		this.accounts.create("office@example.com", "Office Manager", "office-password-1", StaffRole.ADMIN);
		List<Path> shots = new ArrayList<>();
		for (int width : new int[] { 390, 1280 }) {
			this.jdbc.sql("UPDATE leads SET staff_read_at = NULL WHERE id = :id").param("id", maria).update();
			browser.driver().manage().deleteAllCookies();
			browser.open("/login");
			shots.add(browser.screenshot("login", width));
			browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
			browser.open("/");
			browser.waitForText("Maria Lopez");
			shots.add(browser.screenshot("inbox", width));
			browser.open("/leads/" + maria);
			browser.waitForText("Gate code is 4821");
			shots.add(browser.screenshot("lead", width));
			browser.open("/settings");
			shots.add(browser.screenshot("settings", width));
			browser.open("/settings/sequence");
			shots.add(browser.screenshot("settings-sequence", width));
			browser.open("/settings/users");
			shots.add(browser.screenshot("settings-users", width));
			browser.open("/dashboard");
			browser.waitForText("Speed to lead");
			shots.add(browser.screenshot("dashboard", width));
		}
		for (Path shot : shots) {
			assertThat(Files.size(shot)).as(shot.toString()).isGreaterThan(10_000);
		}
	}

	private void assertNothingRanOrWasInjected() {
		assertThat(browser.script("return typeof window.__xss")).isEqualTo("undefined");
		for (String id : List.of("injected-name", "injected-message", "injected-reply")) {
			assertThat(browser.driver().findElements(By.id(id))).as(id).isEmpty();
		}
		assertThat(browser.driver().findElements(By.cssSelector("main script"))).isEmpty();
	}

	private void send(String text) {
		WebElement body = browser.find("#body");
		body.clear();
		body.sendKeys(text);
		browser.find("#composer button[type=submit]").click();
	}

	private static List<WebElement> sentBubbles() {
		return browser.driver().findElements(By.cssSelector(".msg.out[data-status=sent]"));
	}

}
