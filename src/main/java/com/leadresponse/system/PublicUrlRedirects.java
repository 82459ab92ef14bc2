package com.leadresponse.system;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Builds every redirect from {@code APP_PUBLIC_URL}, never from the request's
 * {@code Host} header, which the client chooses: the sign-in redirect, the return to the
 * page asked for before signing in, and the redirect after each form. A redirect the
 * server built from the request's own address is moved to the public one; a redirect
 * elsewhere is left alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PublicUrlRedirects extends OncePerRequestFilter {

	private final String base;

	PublicUrlRedirects(AppProperties app) {
		this.base = app.urlOf("");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, new Redirects(request, response));
	}

	/** {@code location} as the public URL, where it points at this service. */
	String toPublic(String location, HttpServletRequest request) {
		if (location == null || location.startsWith("//")) {
			return location;
		}
		if (location.startsWith("/")) {
			return this.base + location;
		}
		String origin = origin(request);
		if (location.regionMatches(true, 0, origin, 0, origin.length())
				&& (location.length() == origin.length() || "/?#".indexOf(location.charAt(origin.length())) >= 0)) {
			return this.base + location.substring(origin.length());
		}
		if (location.contains(":")) {
			return location;
		}
		// A path relative to the current one.
		return URI.create(this.base + request.getRequestURI()).resolve(location).toString();
	}

	/** The address the request says it was sent to: scheme, Host, port. */
	private static String origin(HttpServletRequest request) {
		int port = request.getServerPort();
		boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
				|| ("https".equals(request.getScheme()) && port == 443);
		return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
	}

	private final class Redirects extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		Redirects(HttpServletRequest request, HttpServletResponse response) {
			super(response);
			this.request = request;
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			super.sendRedirect(toPublic(location, this.request));
		}

		@Override
		public void sendRedirect(String location, boolean clearBuffer) throws IOException {
			super.sendRedirect(toPublic(location, this.request), clearBuffer);
		}

		@Override
		public void sendRedirect(String location, int sc) throws IOException {
			super.sendRedirect(toPublic(location, this.request), sc);
		}

		@Override
		public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
			super.sendRedirect(toPublic(location, this.request), sc, clearBuffer);
		}

		/** A redirect written as a status and a header (a 303, say) is moved too. */
		@Override
		public void setHeader(String name, String value) {
			super.setHeader(name, redirectHeader(name) ? toPublic(value, this.request) : value);
		}

		@Override
		public void addHeader(String name, String value) {
			super.addHeader(name, redirectHeader(name) ? toPublic(value, this.request) : value);
		}

		private boolean redirectHeader(String name) {
			return HttpHeaders.LOCATION.equalsIgnoreCase(name) && getStatus() >= 300 && getStatus() < 400;
		}

	}

}
