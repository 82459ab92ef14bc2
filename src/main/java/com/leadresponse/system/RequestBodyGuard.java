package com.leadresponse.system;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.apache.catalina.core.ApplicationPart;
import org.apache.tomcat.util.http.fileupload.FileItem;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.disk.DiskFileItemFactory;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.servlet.ServletRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request body up front, before anything else sees the request, so that slow
 * clients cannot hold the server's workers (Tomcat reads bodies on its worker threads): a
 * body over 64 KiB is refused with 413 (SPEC 3), declared or chunked (a text with photos,
 * multipart on the two paths that text a lead, may have 6 MB: SPEC 10); a body that has
 * not fully arrived within {@code body-deadline} is answered 408; and one client address
 * may wait for at most {@code body-reads-per-address} bodies at once; more are refused
 * with 503 at once, so a few hundred sockets trickling bodies from one address take a few
 * workers, not all of them. A body that arrived with its headers (nearly every real one)
 * is read at once and counts against nothing. What follows reads the buffered body, form
 * parameters included.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyGuard extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RequestBodyGuard.class);

	static final int MAX_BODY_BYTES = 64 * 1024;

	/**
	 * A text with photos (SPEC 10: 5 MB of images in all), with room for the multipart
	 * framing; only on the two paths that send a lead a text.
	 */
	static final int MAX_UPLOAD_BYTES = 6 * 1024 * 1024;

	private static final Pattern UPLOAD_PATHS = Pattern.compile("(/api)?/leads/[^/]+/messages");

	/**
	 * A CSV file of leads (SPEC 9): 2 MiB is some 20,000 rows of a usual export, more
	 * than one request should create; a larger file is split. The file comes as the body
	 * of the API's import or in the settings page's upload.
	 */
	static final int MAX_IMPORT_BYTES = 2 * 1024 * 1024;

	private static final Pattern IMPORT_PATHS = Pattern.compile("/api/leads/import|/settings/import");

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

	private final MultipartConfigElement multipart;

	RequestBodyGuard(Limits limits, MultipartConfigElement multipart) {
		this.limits = limits;
		this.multipart = multipart;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		int limit = limit(request);
		long declared = request.getContentLengthLong();
		boolean chunked = declared < 0 && request.getHeader("Transfer-Encoding") != null;
		if (declared > limit) {
			refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Payload Too Large",
					tooLarge(limit));
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
				if (!readRest(in, body, declared, limit, buffer)) {
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
		if (body.size() > limit) {
			refuse(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Payload Too Large",
					tooLarge(limit));
			return;
		}
		chain.doFilter(new BufferedBodyRequest(request, body.toByteArray(), this.multipart), response);
	}

	/** The largest body this request may have. */
	private static int limit(HttpServletRequest request) {
		String type = request.getContentType();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if ("POST".equals(request.getMethod()) && IMPORT_PATHS.matcher(path).matches()) {
			return MAX_IMPORT_BYTES;
		}
		boolean upload = "POST".equals(request.getMethod()) && type != null
				&& type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE)
				&& UPLOAD_PATHS.matcher(path).matches();
		return upload ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
	}

	/** The sentence of a 413: what the limit is, and for a CSV file what to do. */
	private static String tooLarge(int limit) {
		return (limit == MAX_IMPORT_BYTES)
				? "A CSV import may be at most 2 MiB (" + limit + " bytes): split the file and import each part"
				: "Request body exceeds the limit of " + limit + " bytes";
	}

	/**
	 * Reads the rest of the body (to its declared length, or to the end of a chunked one,
	 * at most one byte past the limit) within the deadline; false when it did not come.
	 * Each wait for bytes lasts at most Tomcat's connection timeout, so the deadline is
	 * checked often enough however slowly the bytes trickle.
	 */
	private boolean readRest(ServletInputStream in, ByteArrayOutputStream body, long declared, int limit, byte[] buffer)
			throws IOException {
		long deadline = System.nanoTime() + this.limits.bodyDeadline().toNanos();
		long wanted = (declared >= 0) ? declared : limit + 1;
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
	 * from the buffer, since the container can no longer read the body itself. The parts
	 * of a multipart body (a text with photos) are parsed from the buffer too, by the
	 * container's own parser (Tomcat's copy of Commons FileUpload), under the
	 * application's multipart limits.
	 */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		/** At most this many parts: five photos, the text and the composer's fields. */
		private static final int MAX_PARTS = 20;

		private final byte[] body;

		private final MultipartConfigElement multipartConfig;

		private Map<String, String[]> formParameters;

		private List<Part> parts;

		BufferedBodyRequest(HttpServletRequest request, byte[] body, MultipartConfigElement multipartConfig) {
			super(request);
			this.body = body;
			this.multipartConfig = multipartConfig;
			this.formParameters = isForm(request) ? parameters(request, body) : null;
		}

		private static boolean isForm(HttpServletRequest request) {
			String type = request.getContentType();
			return "POST".equals(request.getMethod()) && type != null
					&& MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type));
		}

		private boolean isMultipart() {
			String type = getContentType();
			return "POST".equals(getMethod()) && type != null
					&& type.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
		}

		@Override
		public Collection<Part> getParts() throws IOException, ServletException {
			if (!isMultipart()) {
				return super.getParts();
			}
			if (this.parts == null) {
				this.parts = parseParts();
			}
			return this.parts;
		}

		@Override
		public Part getPart(String name) throws IOException, ServletException {
			for (Part part : getParts()) {
				if (part.getName().equals(name)) {
					return part;
				}
			}
			return null;
		}

		/**
		 * Parses the buffered multipart body. A part or body over the limits, or a body
		 * that is not valid multipart, is an {@link IllegalStateException} whose message
		 * says so, as the container's own parsing throws it.
		 */
		private List<Part> parseParts() throws IOException {
			File location = new File(StringUtils.hasText(this.multipartConfig.getLocation())
					? this.multipartConfig.getLocation() : System.getProperty("java.io.tmpdir"));
			DiskFileItemFactory factory = new DiskFileItemFactory();
			// The body is in memory already: its parts stay there.
			factory.setSizeThreshold(MAX_UPLOAD_BYTES);
			factory.setRepository(location);
			FileUpload upload = new FileUpload();
			upload.setFileItemFactory(factory);
			upload.setFileSizeMax(this.multipartConfig.getMaxFileSize());
			upload.setSizeMax(this.multipartConfig.getMaxRequestSize());
			upload.setFileCountMax(MAX_PARTS);
			try {
				List<Part> parsed = new ArrayList<>();
				for (FileItem item : upload.parseRequest(new ServletRequestContext(this))) {
					parsed.add(new ApplicationPart(item, location));
				}
				return Collections.unmodifiableList(parsed);
			}
			catch (FileUploadException ex) {
				throw new IllegalStateException(ex.getMessage(), ex);
			}
		}

		/**
		 * The parameters of a multipart body: the query's, then its text fields, as the
		 * container gives them; only the query's when the body does not parse.
		 */
		private Map<String, String[]> multipartParameters() {
			Map<String, List<String>> values = new LinkedHashMap<>();
			add(values, getQueryString(), StandardCharsets.UTF_8);
			try {
				Charset charset = charset(this);
				for (Part part : getParts()) {
					if (part.getSubmittedFileName() == null) {
						values.computeIfAbsent(part.getName(), (n) -> new ArrayList<>())
							.add(new String(part.getInputStream().readAllBytes(), charset));
					}
				}
			}
			catch (IOException | ServletException | IllegalStateException ex) {
				// Spring's multipart request reads the parts itself and answers the
				// failure.
			}
			Map<String, String[]> parameters = new LinkedHashMap<>();
			values.forEach((name, list) -> parameters.put(name, list.toArray(String[]::new)));
			return Collections.unmodifiableMap(parameters);
		}

		private Map<String, String[]> formParameters() {
			if (this.formParameters == null && isMultipart()) {
				this.formParameters = multipartParameters();
			}
			return this.formParameters;
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
			if (formParameters() == null) {
				return super.getParameter(name);
			}
			String[] values = formParameters().get(name);
			return (values != null) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return (formParameters() != null) ? formParameters() : super.getParameterMap();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return (formParameters() != null) ? Collections.enumeration(formParameters().keySet())
					: super.getParameterNames();
		}

		@Override
		public String[] getParameterValues(String name) {
			if (formParameters() == null) {
				return super.getParameterValues(name);
			}
			String[] values = formParameters().get(name);
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
