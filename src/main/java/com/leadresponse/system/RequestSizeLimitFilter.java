package com.leadresponse.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 64 KiB with 413 before anything reads them (SPEC 3),
 * whether the size is declared or the body is chunked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	static final int MAX_BODY_BYTES = 64 * 1024;

	/**
	 * A text with photos (SPEC 10: 5 MB of images in all), with room for the multipart
	 * framing; only on the two paths that send a lead a text.
	 */
	static final int MAX_UPLOAD_BYTES = 6 * 1024 * 1024;

	private static final java.util.regex.Pattern UPLOAD_PATHS = java.util.regex.Pattern
		.compile("(/api)?/leads/[^/]+/messages");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		int limit = limit(request);
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			reject(response, limit);
			return;
		}
		if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
			byte[] body = request.getInputStream().readNBytes(limit + 1);
			if (body.length > limit) {
				reject(response, limit);
				return;
			}
			chain.doFilter(new BufferedBodyRequest(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static int limit(HttpServletRequest request) {
		String type = request.getContentType();
		boolean upload = "POST".equals(request.getMethod()) && type != null
				&& type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")
				&& UPLOAD_PATHS.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
		return upload ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
	}

	private static void reject(HttpServletResponse response, int limit) throws IOException {
		response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
		response.setContentType("application/problem+json");
		response.setHeader("Connection", "close");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
					+ "\"detail\":\"Request body exceeds the limit of " + limit + " bytes\"}");
	}

	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

	}

}
