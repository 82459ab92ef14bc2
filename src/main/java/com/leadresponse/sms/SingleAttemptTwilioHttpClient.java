package com.leadresponse.sms;

import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The Twilio library's HTTP client with two changes the product depends on
 * (docs/twilio.md): it sends each request once, because the library's own retry of 5xx
 * answers can text a lead two or three times; and it sends to
 * {@code TWILIO_API_BASE_URL}, so staging and tests can use a local Twilio.
 */
class SingleAttemptTwilioHttpClient extends HttpClient {

	private static final String TWILIO_HOST = "api.twilio.com";

	private final NetworkHttpClient network;

	private final URI base;

	SingleAttemptTwilioHttpClient(NetworkHttpClient network, URI base) {
		this.network = network;
		this.base = base;
	}

	@Override
	public Response reliableRequest(Request request) {
		return makeRequest(request);
	}

	@Override
	public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
		return makeRequest(request);
	}

	@Override
	public Response makeRequest(Request request) {
		URL url = request.constructURL();
		if (TWILIO_HOST.equals(this.base.getHost()) && "https".equals(this.base.getScheme())) {
			return this.network.makeRequest(request);
		}
		String baseUrl = this.base.toString().replaceAll("/+$", "");
		Request rebased = new Request(request.getMethod(), baseUrl + url.getPath());
		if (request.getAuthStrategy() != null) {
			rebased.setAuth(request.getAuthStrategy());
		}
		else if (request.getUsername() != null) {
			rebased.setAuth(request.getUsername(), request.getPassword());
		}
		copy(request.getQueryParams(), rebased::addQueryParam);
		copy(request.getPostParams(), rebased::addPostParam);
		copy(request.getHeaderParams(), rebased::addHeaderParam);
		if (request.getContentType() != null) {
			rebased.setContentType(request.getContentType());
		}
		if (request.getBody() != null) {
			rebased.setBody(request.getBody());
		}
		return this.network.makeRequest(rebased);
	}

	private static void copy(Map<String, List<String>> params, ParameterSink sink) {
		params.forEach((name, values) -> values.forEach((value) -> sink.add(name, value)));
	}

	@FunctionalInterface
	private interface ParameterSink {

		void add(String name, String value);

	}

}
