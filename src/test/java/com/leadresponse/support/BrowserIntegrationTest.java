package com.leadresponse.support;

import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The product with its SMS simulator, reached by a real browser at its
 * {@code APP_PUBLIC_URL}, as staff reach it: every redirect (after sign-in, after a form)
 * is built from that URL, so the browser must be at it. One port for every browser test
 * class, so they share one application context.
 */
@EnabledIf(value = "com.leadresponse.support.Browser#canRun",
		disabledReason = "Chromium is not installed (apt-get install chromium chromium-driver)")
public abstract class BrowserIntegrationTest extends SimulatorIntegrationTest {

	private static final int PORT = BrowserPublicUrl.freePort();

	@DynamicPropertySource
	static void publicUrlOfTheBrowser(DynamicPropertyRegistry registry) {
		BrowserPublicUrl.register(registry, PORT);
	}

}
