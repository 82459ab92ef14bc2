package com.leadresponse.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, for the browser tests of the staff
 * pages. It never downloads a browser or a driver: it uses {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver} (package {@code chromium} and {@code chromium-driver}).
 * Where they are missing the tests are skipped with a warning, unless
 * {@code -Dbrowser.tests.required=true} (CI), where they fail.
 */
public final class Browser implements AutoCloseable {

	static final String CHROMIUM = System.getProperty("browser.chromium", "/usr/bin/chromium");

	static final String CHROMEDRIVER = System.getProperty("browser.chromedriver", "/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final Path profile;

	private final String base;

	private Browser(ChromeDriver driver, Path profile, int port) {
		this.driver = driver;
		this.profile = profile;
		this.base = "http://localhost:" + port;
	}

	/**
	 * Whether the browser tests can run: true when Chromium is installed; false (the
	 * tests show as skipped, with a warning) when it is not; an error when
	 * {@code -Dbrowser.tests.required=true} asks for them and it is not. For
	 * {@code @EnabledIf}, evaluated before the application starts.
	 */
	public static boolean canRun() {
		if (Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER))) {
			return true;
		}
		String missing = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
				+ " (apt-get install chromium chromium-driver)";
		if (Boolean.getBoolean("browser.tests.required")) {
			throw new IllegalStateException(missing + ", and -Dbrowser.tests.required=true says they must run");
		}
		System.err.println("WARNING: " + missing + ": skipped. CI runs them with -Dbrowser.tests.required=true.");
		return false;
	}

	/** Starts Chromium with a fresh profile. */
	public static Browser start(int port) {
		try {
			Path profile = Files.createTempDirectory("lead-response-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
					"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
					"--disable-extensions", "--hide-scrollbars", "--lang=en-US", "--force-device-scale-factor=1",
					"--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(new File(CHROMEDRIVER))
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return new Browser(driver, profile, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public WebDriver driver() {
		return this.driver;
	}

	public void open(String path) {
		this.driver.get(this.base + path);
	}

	public String path() {
		return this.driver.getCurrentUrl().substring(this.base.length());
	}

	/** Signs out whoever is signed in and signs in through the login form. */
	public void signIn(String email, String password) {
		this.driver.manage().deleteAllCookies();
		open("/login");
		this.driver.findElement(By.id("username")).sendKeys(email);
		this.driver.findElement(By.id("password")).sendKeys(password);
		this.driver.findElement(By.cssSelector("form.login-card button[type=submit]")).click();
		waitUntil((d) -> !d.getCurrentUrl().contains("/login"));
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	/** The text a person reads on the page. */
	/**
	 * Clicks an element scrolled to the middle of the window, as a person would see it:
	 * scrolled to the top edge, a sticky header would cover it.
	 */
	public void click(String css) {
		WebElement element = find(css);
		script("arguments[0].scrollIntoView({block: 'center'});", element);
		element.click();
	}

	public String text() {
		return this.driver.findElement(By.tagName("body")).getText();
	}

	public Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	/**
	 * Waits until the condition holds; an element htmx swapped away meanwhile is looked
	 * up again.
	 */
	public <T> T waitUntil(Function<WebDriver, T> condition) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.until(condition::apply);
	}

	/**
	 * The text of the first element matching {@code css}, read even while htmx swaps it.
	 */
	public String textOf(String css) {
		return waitUntil((d) -> d.findElement(By.cssSelector(css)).getText());
	}

	/**
	 * Visible controls shorter than 44 px, and inputs with text under 16 px (SPEC 6
	 * "Phone ergonomics").
	 */
	@SuppressWarnings("unchecked")
	public List<Map<String, Object>> controlsTooSmall() {
		return (List<Map<String, Object>>) script("""
				var out = [];
				document.querySelectorAll('main a, main button, main select, main input, main textarea, main summary,'
				    + ' main audio, header a, header button').forEach(function (el) {
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

	/**
	 * Waits until the page shows {@code text}; when it never does, the failure says what
	 * the page showed instead.
	 */
	public void waitForText(String text) {
		try {
			waitUntil((d) -> d.findElement(By.tagName("body")).getText().contains(text));
		}
		catch (TimeoutException ex) {
			throw new AssertionError("The page at " + path() + " never showed \"" + text + "\"; it showed:\n"
					+ this.driver.findElement(By.tagName("body")).getText(), ex);
		}
	}

	/**
	 * Writes a screenshot of the whole page, as wide as a phone or a desktop, to
	 * {@code target/screenshots/<name>-<width>.png}.
	 */
	public Path screenshot(String name, int width) {
		metrics(width, (width < 600) ? 844 : 900, width < 600);
		try {
			// The whole page beyond the window, as Chrome's full-size screenshot does,
			// so heights in vh keep their on-screen size.
			Map<String, Object> layout = this.driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
			Map<?, ?> content = (Map<?, ?>) layout.get("cssContentSize");
			double height = Math.min(((Number) content.get("height")).doubleValue(), 8000);
			Map<String, Object> shot = this.driver.executeCdpCommand("Page.captureScreenshot",
					Map.of("format", "png", "captureBeyondViewport", true, "clip",
							Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
			Path dir = Path.of("target", "screenshots");
			Files.createDirectories(dir);
			Path file = dir.resolve(name + "-" + width + ".png");
			Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		}
	}

	/** Whether the page is wider than the window (it scrolls sideways). */
	public boolean scrollsSideways() {
		return (Boolean) script("return document.documentElement.scrollWidth > window.innerWidth + 1;");
	}

	/**
	 * Shows the pages at this width from now on, as a phone with a touch screen below 600
	 * px, until {@link #screenshot} or {@link #fullWidth()}.
	 */
	public void width(int width) {
		metrics(width, (width < 600) ? 844 : 900, width < 600);
		this.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled",
				Map.of("enabled", width < 600, "maxTouchPoints", 5));
	}

	/** Back to the browser window's own size, without touch. */
	public void fullWidth() {
		this.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		this.driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
	}

	private void metrics(int width, int height, boolean mobile) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
	}

	@Override
	public void close() {
		this.driver.quit();
		try (var files = Files.walk(this.profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// A leftover temporary profile is harmless.
		}
	}

}
