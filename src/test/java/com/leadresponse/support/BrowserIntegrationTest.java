package com.leadresponse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The product in simulator mode as a browser reaches it: {@code APP_PUBLIC_URL} is the
 * address the browser opens, {@code http://localhost} on a port chosen before the start.
 * Every redirect is built from {@code APP_PUBLIC_URL} (a sign-in goes back to it), so
 * with {@link IntegrationTest#PUBLIC_URL} the browser would be sent to a host it cannot
 * reach.
 */
public abstract class BrowserIntegrationTest extends SimulatorIntegrationTest {

	private static final int PORT = freePort();

	@DynamicPropertySource
	static void publicUrlIsWhereTheBrowserIs(DynamicPropertyRegistry registry) {
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

}
