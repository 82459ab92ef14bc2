package com.leadresponse.forms;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.leadresponse.support.Browser;
import com.leadresponse.support.BrowserIntegrationTest;
import com.sun.net.httpserver.HttpServer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hosted form as a person meets it (SPEC 9), in headless Chromium: filled at phone
 * width up to the thank-you page, with 44 px targets and 16 px inputs; framed in an
 * allowed site (another origin, served here), where it works without cookies; and not
 * shown at all in a site that is not allowed.
 */
@EnabledIf(value = "com.leadresponse.support.Browser#canRun",
		disabledReason = "Chromium is not installed (apt-get install chromium chromium-driver)")
class WebFormBrowserTest extends BrowserIntegrationTest {

	private static Browser browser;

	private static HttpServer site;

	@BeforeEach
	void openBrowserAndTheBusinessSite() throws IOException {
		if (browser == null) {
			browser = Browser.start(this.port);
		}
		if (site == null) {
			// The business's own site, on another origin, with the snippet in a page.
			site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			site.createContext("/contact", (exchange) -> {
				byte[] page = ("<!DOCTYPE html><html><body><h1>Acme Boring</h1>"
						+ "<iframe id=\"quote\" src=\"http://localhost:" + this.port
						+ "/forms/quote\" style=\"width:100%;height:900px;border:0\"></iframe></body></html>")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
				exchange.sendResponseHeaders(200, page.length);
				exchange.getResponseBody().write(page);
				exchange.close();
			});
			site.createContext("/quote", (exchange) -> {
				byte[] page = ("<!DOCTYPE html><html><body><h1>Acme Boring</h1><script src=\"http://localhost:"
						+ this.port + "/js/form-embed.js\" data-form=\"quote\" async></script></body></html>")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
				exchange.sendResponseHeaders(200, page.length);
				exchange.getResponseBody().write(page);
				exchange.close();
			});
			site.start();
		}
	}

	@AfterEach
	void backToDesktop() {
		browser.driver().switchTo().defaultContent();
		browser.fullWidth();
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
		if (site != null) {
			site.stop(0);
			site = null;
		}
	}

	@Test
	void personFillsTheFormOnAPhoneAndSeesTheThankYouPage() {
		browser.width(390);
		browser.open("/forms/quote");
		assertThat(tooSmall()).as("controls under 44 px or inputs under 16 px at 390 px").isEmpty();
		assertThat(browser.find("#smsConsent").isSelected()).isFalse();
		browser.screenshot("web-form", 390);
		fill();
		this.clock.advance(Duration.ofSeconds(30));

		browser.click("form button[type=submit]");

		browser.waitForText("Request sent");
		assertThat(browser.path()).isEqualTo("/forms/quote/thanks");
		assertThat(browser.text()).contains("Thank you! We have your request");
		browser.screenshot("web-form-thanks", 390);
		assertThat(this.jdbc.sql("SELECT source FROM leads WHERE phone = '+15125550134'").query(String.class).single())
			.isEqualTo("web form");
		awaitPipelineIdle();
		assertThat(this.jdbc.sql("SELECT direction || ' ' || status FROM messages").query(String.class).list())
			.as("the instant response, sent once")
			.containsExactly("outbound sent");
	}

	@Test
	void formEmbeddedInAnAllowedSiteIsShownAndSentFromTheFrame() {
		String siteOrigin = "http://127.0.0.1:" + site.getAddress().getPort();
		this.jdbc.sql("UPDATE settings SET form_allowed_origins = :o").param("o", siteOrigin).update();
		browser.driver().get(siteOrigin + "/contact");
		browser.driver().switchTo().frame("quote");
		browser.waitUntil((d) -> !d.findElements(By.id("phone")).isEmpty());
		fill();
		this.clock.advance(Duration.ofSeconds(30));

		browser.find("form button[type=submit]").click();

		browser.waitForText("Request sent");
		assertThat(count("SELECT count(*) FROM leads WHERE phone = '+15125550134'")).isEqualTo(1);
	}

	@Test
	void scriptSnippetMakesAnIframeAsTallAsTheFormAndTheFormIsSentFromIt() {
		String siteOrigin = "http://127.0.0.1:" + site.getAddress().getPort();
		this.jdbc.sql("UPDATE settings SET form_allowed_origins = :o").param("o", siteOrigin).update();
		browser.width(390);
		browser.driver().get(siteOrigin + "/quote");
		browser.waitUntil((d) -> !d.findElements(By.tagName("iframe")).isEmpty());
		browser.waitUntil((d) -> !"860px".equals(d.findElement(By.tagName("iframe")).getCssValue("height")));
		browser.driver().switchTo().frame(browser.find("iframe"));
		double form = ((Number) browser.script("return document.body.getBoundingClientRect().height")).doubleValue();
		long scrollable = ((Number) browser.script("return document.documentElement.scrollHeight - window.innerHeight"))
			.longValue();
		browser.driver().switchTo().defaultContent();
		double frame = Double.parseDouble(browser.find("iframe").getCssValue("height").replace("px", ""));
		assertThat(frame).as("the iframe is as tall as the form").isCloseTo(form, Offset.offset(2.0));
		assertThat(scrollable).as("the form scrolls inside its iframe").isLessThanOrEqualTo(1);
		browser.screenshot("web-form-embedded", 390);
		browser.driver().switchTo().frame(browser.find("iframe"));
		fill();
		this.clock.advance(Duration.ofSeconds(30));

		browser.find("form button[type=submit]").click();

		browser.waitForText("Request sent");
		assertThat(count("SELECT count(*) FROM leads WHERE phone = '+15125550134'")).isEqualTo(1);
	}

	@Test
	void formIsNotShownInASiteThatIsNotAllowed() {
		String siteOrigin = "http://127.0.0.1:" + site.getAddress().getPort();
		browser.driver().get(siteOrigin + "/contact");
		browser.waitUntil((d) -> !d.findElements(By.id("quote")).isEmpty());

		browser.driver().switchTo().frame("quote");

		assertThat(browser.driver().findElements(By.id("phone"))).isEmpty();
	}

	@Test
	void formsAndImportSettingsAreUsableOnAPhone() throws IOException {
		browser.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
		browser.width(390);
		for (String path : List.of("/settings/forms", "/settings/forms/new", "/settings/import")) {
			browser.open(path);
			browser.waitUntil((d) -> d.findElements(By.tagName("main")).size() == 1);
			assertThat(tooSmall()).as("controls under 44 px or inputs under 16 px on %s at 390 px", path).isEmpty();
		}
		browser.open("/settings/forms");
		browser.screenshot("settings-forms", 390);
		Path file = Files.createTempFile("leads", ".csv");
		Files.writeString(file, "name,phone\nMaria Lopez,5125550134\nBad Phone,555-01\n");
		browser.open("/settings/import");
		browser.find("#file").sendKeys(file.toAbsolutePath().toString());
		browser.click("form[enctype] button[type=submit]");
		browser.waitForText("Dry run of");
		assertThat(browser.text()).contains("Import 1 leads").contains("invalid: phone must be a valid phone number");
		assertThat(tooSmall()).as("controls under 44 px or inputs under 16 px on the dry run at 390 px").isEmpty();
		browser.screenshot("settings-import-dry-run", 390);
		browser.click("form[action$='/confirm'] button[type=submit]");
		browser.waitForText("Imported 1 leads, without texting them.");
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(1);
	}

	private static void fill() {
		browser.find("#name").sendKeys("Maria Lopez");
		browser.find("#phone").sendKeys("(512) 555-0134");
		browser.find("#email").sendKeys("maria@example.com");
		browser.find("#address").sendKeys("78701");
		browser.find("#job").sendKeys("Bore under the driveway, about 40 ft");
		browser.script("arguments[0].scrollIntoView({block: 'center'});", browser.find("label.consent"));
		browser.find("label.consent").click();
		assertThat(browser.find("#smsConsent").isSelected()).isTrue();
	}

	/** Visible controls shorter than 44 px, and inputs with text under 16 px. */
	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> tooSmall() {
		return (List<Map<String, Object>>) browser.script("""
				var out = [];
				document.querySelectorAll('main a, main button, main select, main input, main textarea')
				    .forEach(function (el) {
				  var box = el.getBoundingClientRect();
				  var style = getComputedStyle(el);
				  if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden' || el.type === 'hidden'
				      || el.closest('.hp')) {
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

}
