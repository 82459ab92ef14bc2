package com.leadresponse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A browser reaches the product at its {@code APP_PUBLIC_URL}, as staff do (every
 * redirect is built from it): the product listens on a fixed free port and that URL is
 * {@code http://localhost:<port>}.
 */
public final class BrowserPublicUrl {

	private BrowserPublicUrl() {
	}

	/** A port free now, for one context's whole life. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The product on {@code port}, with its public URL there. */
	public static void register(DynamicPropertyRegistry registry, int port) {
		registry.add("server.port", () -> port);
		registry.add("app.public-url", () -> "http://localhost:" + port);
	}

}
