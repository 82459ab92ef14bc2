package com.leadresponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.support.Browser;
import com.leadresponse.support.BrowserIntegrationTest;
import com.leadresponse.webhook.InboundMessageHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox as staff live in it (SPEC 6 "Working the inbox every day"), in Debian's
 * headless Chromium at 390 px with touch and at 1280 px, with screenshots: a reply typed
 * too soon goes by itself and can be cancelled, a double tap sends one text, a reload
 * keeps the draft, an opened lead stays in Needs reply until answered, a reply raises the
 * count and a notification, an opted-out lead cannot be texted, an unknown merge field is
 * refused, and every control is at least 44 px tall with 16 px inputs.
 */
@EnabledIf(value = "com.leadresponse.support.Browser#canRun",
		disabledReason = "Chromium is not installed (apt-get install chromium chromium-driver)")
class InboxEveryDayBrowserTest extends BrowserIntegrationTest {

	private static final String PHONE = "+15125550134";

	private static Browser browser;

	@Autowired
	InboundMessageHandler inbound;

	@BeforeEach
	void openBrowser() {
		if (browser == null) {
			browser = Browser.start(this.port);
		}
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
	void replyTypedTenSecondsAfterTheInstantTextGoesByItselfWhenAllowedAndCanBeCancelled() {
		UUID leadId = leadAfterItsInstantText();
		browser.width(390);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/leads/" + leadId);
		this.clock.advance(Duration.ofSeconds(10));

		send("Wrong lead, sorry");
		browser.waitForText("it goes by itself in 50 s");
		assertThat(browser.textOf(".msg .waiting")).contains("Goes by itself");
		browser.screenshot("composer-scheduled", 390);
		browser.find(".msg .waiting button").click();
		browser.waitForText("Cancelled. The text was not sent");
		assertThat(browser.find("#body").getAttribute("value")).isEqualTo("Wrong lead, sorry");
		assertThat(count("SELECT count(*) FROM messages WHERE body = 'Wrong lead, sorry'")).isZero();

		send("Yes, Thursday at 3 works");
		browser.waitForText("it goes by itself in 50 s");
		this.clock.advance(Duration.ofSeconds(50));

		browser.waitUntil((d) -> count(
				"SELECT count(*) FROM messages WHERE body = 'Yes, Thursday at 3 works'" + " AND status = 'sent'") == 1);
		browser.waitUntil((d) -> d.findElement(By.cssSelector(".thread")).getText().contains("Sent by simulator"));
		browser.waitUntil((d) -> d.findElements(By.cssSelector(".msg .waiting")).isEmpty());
	}

	@Test
	void doubleTapOnSendSendsOneTextAndStoresOneRow() {
		UUID leadId = leadAfterItsInstantText();
		this.clock.advance(Duration.ofMinutes(2));
		browser.width(390);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/leads/" + leadId);
		browser.find("#body").sendKeys("On our way");

		browser.script("var b = document.querySelector('#composer button[type=submit]'); b.click(); b.click();");

		browser.waitForText("Sending.");
		awaitPipelineIdle();
		assertThat(count("SELECT count(*) FROM messages WHERE body = 'On our way'")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM messages WHERE status = 'blocked'")).isZero();
	}

	@Test
	void reloadKeepsTheDraftAndTheInboxShowsIt() {
		UUID leadId = leadAfterItsInstantText();
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/leads/" + leadId);
		browser.find("#body").sendKeys("Can we come at 4");

		browser.driver().navigate().refresh();

		assertThat(browser.find("#body").getAttribute("value")).isEqualTo("Can we come at 4");
		browser.open("/");
		browser.waitUntil(
				(d) -> d.findElement(By.cssSelector(".lead-row .draft")).getText().equals("Draft: Can we come at 4"));
	}

	@Test
	void openedLeadStaysInNeedsReplyUntilSomeoneAnswers() {
		UUID leadId = leadAfterItsInstantText();
		this.clock.advance(Duration.ofMinutes(3));
		this.inbound.handle(inboundSms("SM" + "a".repeat(32), PHONE, "How much for 40 ft?"));
		browser.width(390);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/leads/" + leadId);
		browser.waitForText("How much for 40 ft?");

		browser.open("/?status=needs-reply");
		assertThat(browser.textOf("#lead-list")).contains("Maria Lopez").contains("Needs reply · waiting");
		browser.screenshot("inbox-needs-reply", 390);
		browser.open("/leads/" + leadId);
		send("About $1,200. Can we come look Thursday?");
		browser.waitForText("Sending.");
		awaitPipelineIdle();

		browser.open("/?status=needs-reply");
		browser.waitForText("Nobody is waiting for a reply.");
	}

	@Test
	void replyArrivingWhileAnotherTabIsOpenRaisesTheTitleCountAndANotification() {
		leadAfterItsInstantText();
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/dashboard");
		browser.driver().switchTo().newWindow(WindowType.TAB);
		browser.open("/");
		browser.script("window.__notes = []; window.Notification = function (title, options) {"
				+ " window.__notes.push(title + ' | ' + options.body); };"
				+ " window.Notification.permission = 'granted';");
		browser.waitUntil((d) -> d.findElement(By.id("inbox-alerts")).getAttribute("data-unread") != null);

		this.clock.advance(Duration.ofMinutes(1));
		this.inbound.handle(inboundSms("SM" + "b".repeat(32), PHONE, "Is Friday possible?"));

		browser.waitUntil((d) -> d.getTitle().startsWith("(1) "));
		browser.waitUntil((d) -> !((List<?>) browser.script("return window.__notes")).isEmpty());
		assertThat(browser.script("return window.__notes"))
			.isEqualTo(List.of("Maria Lopez replied | Is Friday possible?"));
		assertThat(browser.textOf("#nav-unread")).isEqualTo("1");
		browser.driver().close();
		browser.driver().switchTo().window(browser.driver().getWindowHandles().iterator().next());
	}

	@Test
	void optedOutLeadCannotBeTextedFromItsPage() {
		UUID leadId = leadAfterItsInstantText();
		this.inbound.handle(inboundSms("SM" + "c".repeat(32), PHONE, "STOP"));
		browser.width(390);
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/leads/" + leadId);

		assertThat(browser.find("#body").isEnabled()).isFalse();
		assertThat(browser.find("#composer button[type=submit]").isEnabled()).isFalse();
		assertThat(browser.textOf(".composer-off")).contains("Maria opted out by replying STOP")
			.contains("until they text START");
		assertThat(browser.textOf(".lead-title")).contains("Opted out");
		browser.screenshot("lead-opted-out", 390);
		browser.open("/");
		assertThat(browser.textOf(".lead-row")).contains("Opted out");
	}

	@Test
	void unknownMergeFieldIsRefusedOnSave() {
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.open("/settings/sequence");
		WebElement step2 = browser.find("#template-1");
		step2.clear();
		step2.sendKeys("Hi {firstname}, ");
		browser.script("document.querySelector(\"button[data-insert='{businessName}'][data-target='template-1']\")"
				+ ".click()");
		assertThat(step2.getAttribute("value")).isEqualTo("Hi {firstname}, {businessName}");

		browser.find("button[value=save]").click();

		browser.waitForText("Unknown merge field {firstname}");
		assertThat(browser.text()).contains("Use {firstName}, {name}, {businessName}, {source}.");
		assertThat(
				this.jdbc.sql("SELECT template FROM sequence_steps WHERE step_number = 2").query(String.class).single())
			.doesNotContain("{firstname}");
	}

	@Test
	void everyControlIsAtLeast44PxTallAndEveryInput16PxOnTheInboxLeadPageAndComposer() {
		UUID leadId = leadAfterItsInstantText();
		this.inbound.handle(inboundSms("SM" + "d".repeat(32), PHONE, "Thursday works"));
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		for (int width : new int[] { 390, 1280 }) {
			browser.width(width);
			for (String path : List.of("/", "/?status=needs-reply", "/leads/" + leadId)) {
				browser.open(path);
				browser.waitUntil((d) -> d.findElements(By.tagName("main")).size() == 1);
				assertThat(tooSmall()).as("controls under 44 px or inputs under 16 px on %s at %d px", path, width)
					.isEmpty();
				assertThat(filtersOffScreen()).as("filter controls off-screen on %s at %d px", path, width).isEmpty();
			}
			browser.open("/");
			browser.screenshot("inbox-every-day", width);
			browser.open("/leads/" + leadId);
			browser.screenshot("lead-every-day", width);
		}
	}

	/** Visible controls shorter than 44 px, and inputs with text under 16 px. */
	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> tooSmall() {
		return (List<Map<String, Object>>) browser.script("""
				var out = [];
				document.querySelectorAll('main a, main button, main select, main input, main textarea, main summary,'
				    + ' header a, header button').forEach(function (el) {
				  var box = el.getBoundingClientRect();
				  var style = getComputedStyle(el);
				  if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || el.type === 'hidden') {
				    return;
				  }
				  var target = (el.type === 'checkbox') ? el.closest('label') : el;
				  var height = target ? target.getBoundingClientRect().height : box.height;
				  if (height < 43.5) {
				    out.push({ what: el.outerHTML.substring(0, 80), height: height });
				  }
				  if ((el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')
				      && el.type !== 'checkbox' && parseFloat(style.fontSize) < 16) {
				    out.push({ what: el.outerHTML.substring(0, 80), fontSize: style.fontSize });
				  }
				});
				return out;
				""");
	}

	@SuppressWarnings("unchecked")
	private List<String> filtersOffScreen() {
		return (List<String>) browser.script("""
				var out = [];
				document.querySelectorAll('.filter-row a, .filter-row select').forEach(function (el) {
				  var box = el.getBoundingClientRect();
				  if (box.right > window.innerWidth + 0.5 || box.left < -0.5) {
				    out.push(el.textContent);
				  }
				});
				return out;
				""");
	}

	private UUID leadAfterItsInstantText() {
		UUID leadId = createLead("Maria Lopez", PHONE);
		awaitPipelineIdle();
		return leadId;
	}

	private void send(String text) {
		WebElement body = browser.find("#body");
		body.clear();
		body.sendKeys(text);
		browser.find("#composer button[type=submit]").click();
	}

}
