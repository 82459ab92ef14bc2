package com.leadresponse.system;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request body up front, before anything else sees the request, so that slow
 * clients cannot hold the server's workers (Tomcat reads bodies on its worker threads): a
 * body over 64 KiB is refused with 413 (SPEC 3), declared or chunked; a body that has not
 * fully arrived within {@code body-deadline} is answered 408; and one client address may
 * wait for at most {@code body-reads-per-address} bodies at once; more are refused with
 * 503 at once, so a few hundred sockets trickling bodies from one address take a few
 * workers, not all of them. A body that arrived with its headers (nearly every real one)
 * is read at once and counts against nothing. What follows reads the buffered body, form
 * parameters included.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyGuard extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RequestBodyGuard.class);

	static final int MAX_BODY_BYTES = 64 * 1024;

	/** How the guard waits for bodies ({@code lead-response.web.*}). */
	@Validated
	@ConfigurationProperties("lead-response.web")
	record Limits(@NotNull @DefaultValue("10s") Duration bodyDeadline,
			@Min(1) @DefaultValue("8") int bodyReadsPerAddress) {
	}

	private final Limits limits;

	private static final Duration WARNING_EVERY = Duration.ofSeconds(10);

	/** Bodies being waited for, by client address; an address with none has no entry. */
	private final Map<String, Integer> waiting = new ConcurrentHashMap<>();

	private final AtomicLong refusedSinceWarning = new AtomicLong();

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_EVERY.toNanos());

	RequestBodyGuard(Limits limits) {
		this.limits = limits;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
		if (declared > MAX_BODY_BYTES) {
			refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Payload Too Large",
					"Request body exceeds the limit of 65536 bytes");
			return;
		}
		if (declared <= 0 && !chunked) {
			chain.doFilter(request, response);
			return;
		}
		ServletInputStream in = request.getInputStream();
		ByteArrayOutputStream body = new ByteArrayOutputStream((declared > 0) ? (int) declared : 8192);
		byte[] buffer = new byte[8192];
		// What already arrived with the headers is read without waiting.
		while (body.size() < declared && in.available() > 0) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, declared - body.size()));
			if (n < 0) {
				break;
			}
			body.write(buffer, 0, n);
		}
		if (chunked || body.size() < declared) {
			String address = request.getRemoteAddr();
			if (this.waiting.merge(address, 1, Integer::sum) > this.limits.bodyReadsPerAddress()) {
				release(address);
				warnRefusal(address);
				response.setHeader("Retry-After", "5");
				refuse(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable",
						"Too many requests from this address are still sending their bodies; retry shortly");
				return;
			}
			try {
				if (!readRest(in, body, declared, buffer)) {
					log.warn("Refused a request from {} (408): its body did not arrive within {} s", address,
							this.limits.bodyDeadline().toSeconds());
					refuse(request, response, HttpServletResponse.SC_REQUEST_TIMEOUT, "Request Timeout",
							"The request body did not arrive in time");
					return;
				}
			}
			catch (IOException ex) {
				// The client went away or stopped sending for longer than the connection
				// timeout: there is nobody to answer.
				log.debug("Request body from {} broke off: {}", address, ex.getMessage());
				return;
			}
			finally {
				release(address);
			}
		}
		if (body.size() > MAX_BODY_BYTES) {
			refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Payload Too Large",
					"Request body exceeds the limit of 65536 bytes");
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body.toByteArray()), response);
	}

	/**
	 * Reads the rest of the body (to its declared length, or to the end of a chunked one,
	 * at most one byte past the limit) within the deadline; false when it did not come.
	 * Each wait for bytes lasts at most Tomcat's connection timeout, so the deadline is
	 * checked often enough however slowly the bytes trickle.
	 */
	private boolean readRest(ServletInputStream in, ByteArrayOutputStream body, long declared, byte[] buffer)
			throws IOException {
		long deadline = System.nanoTime() + this.limits.bodyDeadline().toNanos();
		long wanted = (declared >= 0) ? declared : MAX_BODY_BYTES + 1;
		while (body.size() < wanted) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, wanted - body.size()));
			if (n < 0) {
				return declared < 0;
			}
			body.write(buffer, 0, n);
			if (System.nanoTime() > deadline && body.size() < wanted) {
				return false;
			}
		}
		return true;
	}

	/**
	 * One line for the operator, at most every {@link #WARNING_EVERY}, however many
	 * requests a flood of slow sockets has refused meanwhile.
	 */
	private void warnRefusal(String address) {
		long refused = this.refusedSinceWarning.incrementAndGet();
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if (now - last >= WARNING_EVERY.toNanos() && this.lastWarning.compareAndSet(last, now)) {
			this.refusedSinceWarning.addAndGet(-refused);
			log.warn(
					"Refused with 503 since the last such line: {} requests whose bodies were still arriving "
							+ "while {} others from the same address were, the last from {}",
					refused, this.limits.bodyReadsPerAddress(), address);
		}
	}

	private void release(String address) {
		this.waiting.computeIfPresent(address, (a, count) -> (count > 1) ? count - 1 : null);
	}

	/**
	 * Answers without reading the rest of the body, and closes the connection. The answer
	 * is completed as an asynchronous request because only then does Tomcat close a
	 * connection that is not to be kept alive at once; a request that ended on its worker
	 * thread would have the rest of its body read ("swallowed") first, at the slow
	 * client's pace.
	 */
	private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String title,
			String detail) throws IOException {
		AsyncContext async = request.isAsyncSupported() ? request.startAsync() : null;
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setHeader("Connection", "close");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
					+ detail + "\"}");
		if (async != null) {
			async.complete();
		}
	}

	/**
	 * The request with its body read: the stream, the reader and, for a form, the
	 * parameters (query first, then body, as the servlet specification orders them) come
	 * from the buffer, since the container can no longer read the body itself.
	 */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		private final Map<String, String[]> formParameters;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
			this.formParameters = isForm(request) ? parameters(request, body) : null;
		}

		private static boolean isForm(HttpServletRequest request) {
			String type = request.getContentType();
			return "POST".equals(request.getMethod()) && type != null
					&& MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type));
		}

		private static Map<String, String[]> parameters(HttpServletRequest request, byte[] body) {
			Map<String, List<String>> values = new LinkedHashMap<>();
			Charset charset = charset(request);
			add(values, request.getQueryString(), StandardCharsets.UTF_8);
			add(values, new String(body, charset), charset);
			Map<String, String[]> parameters = new LinkedHashMap<>();
			values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
			return Collections.unmodifiableMap(parameters);
		}

		private static Charset charset(HttpServletRequest request) {
			String encoding = request.getCharacterEncoding();
			try {
				return (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			}
			catch (IllegalArgumentException ex) {
				return StandardCharsets.UTF_8;
			}
		}

		/** As the container reads them: a pair that does not decode is skipped. */
		private static void add(Map<String, List<String>> values, String encoded, Charset charset) {
			if (encoded == null || encoded.isEmpty()) {
				return;
			}
			for (String pair : encoded.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				try {
					String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, charset);
					String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), charset) : "";
					values.computeIfAbsent(name, (n) -> new ArrayList<>()).add(value);
				}
				catch (IllegalArgumentException ex) {
					// A malformed escape: not a parameter anyone sent on purpose.
				}
			}
		}

		@Override
		public String getParameter(String name) {
			if (this.formParameters == null) {
				return super.getParameter(name);
			}
			String[] values = this.formParameters.get(name);
			return (values != null) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return (this.formParameters != null) ? this.formParameters : super.getParameterMap();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return (this.formParameters != null) ? Collections.enumeration(this.formParameters.keySet())
					: super.getParameterNames();
		}

		@Override
		public String[] getParameterValues(String name) {
			if (this.formParameters == null) {
				return super.getParameterValues(name);
			}
			String[] values = this.formParameters.get(name);
			return (values != null) ? values.clone() : null;
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
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(this.body), charset(this)));
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
