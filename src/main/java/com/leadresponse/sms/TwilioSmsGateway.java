package com.leadresponse.sms;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.leadresponse.system.AppProperties;
import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import org.springframework.util.StringUtils;

/** Sends through Twilio's REST API with the official library, one attempt per call. */
class TwilioSmsGateway implements SmsGateway {

	static final String STATUS_CALLBACK_PATH = "/api/webhooks/twilio/status";

	/** How many of the recipient's recent messages a lookup reads at most. */
	private static final long LOOKUP_LIMIT = 200;

	private final TwilioRestClient client;

	private final TwilioProperties properties;

	private final URI statusCallback;

	TwilioSmsGateway(TwilioProperties properties, AppProperties app) {
		this.properties = properties;
		this.client = new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
			.httpClient(new SingleAttemptTwilioHttpClient(new NetworkHttpClient(httpClient()), properties.apiBaseUrl()))
			.build();
		this.statusCallback = URI.create(app.urlOf(STATUS_CALLBACK_PATH));
	}

	/**
	 * Apache HttpClient as the Twilio library would build it, with two guards: no
	 * automatic retry of any request, and a pooled connection idle for a while is checked
	 * before it carries a POST (a send over a connection Twilio already closed has an
	 * uncertain outcome).
	 */
	private static HttpClientBuilder httpClient() {
		PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.ofSeconds(5))
				.setSocketTimeout(Timeout.ofSeconds(20))
				.setValidateAfterInactivity(TimeValue.ofSeconds(1))
				.build())
			.setMaxConnPerRoute(20)
			.setMaxConnTotal(20)
			.build();
		return HttpClientBuilder.create()
			.useSystemProperties()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(20)).build())
			.disableAutomaticRetries();
	}

	@Override
	public SendOutcome send(OutboundSms sms) {
		try {
			Message message = creator(sms).setStatusCallback(this.statusCallback).create(this.client);
			return new SendOutcome.Accepted(message.getSid());
		}
		catch (ApiException ex) {
			// twilio-java 13 reports an I/O failure (refused, reset, timed out) as an
			// ApiException with no HTTP status and the IOException as its cause.
			return (ex.getStatusCode() == null && ex.getCause() != null) ? connectionFailure(ex) : classify(ex);
		}
		catch (ApiConnectionException ex) {
			return connectionFailure(ex);
		}
	}

	private MessageCreator creator(OutboundSms sms) {
		PhoneNumber to = new PhoneNumber(sms.to());
		boolean service = StringUtils.hasText(this.properties.messagingServiceSid());
		if (!StringUtils.hasText(sms.body()) && !sms.mediaUrls().isEmpty()) {
			// Photos alone: Twilio fetches each from its link (SPEC 10).
			return service
					? Message.creator(this.properties.accountSid(), to, this.properties.messagingServiceSid(),
							sms.mediaUrls())
					: Message.creator(this.properties.accountSid(), to, new PhoneNumber(this.properties.fromNumber()),
							sms.mediaUrls());
		}
		MessageCreator creator = service
				? Message.creator(this.properties.accountSid(), to, this.properties.messagingServiceSid(), sms.body())
				: Message.creator(this.properties.accountSid(), to, new PhoneNumber(this.properties.fromNumber()),
						sms.body());
		return sms.mediaUrls().isEmpty() ? creator : creator.setMediaUrl(sms.mediaUrls());
	}

	static SendOutcome classify(ApiException ex) {
		Integer status = ex.getStatusCode();
		String code = (ex.getCode() != null) ? String.valueOf(ex.getCode())
				: (status != null) ? "HTTP " + status : "no status";
		String message = ex.getMessage();
		if ((status != null && status == 429) || Integer.valueOf(20429).equals(ex.getCode())) {
			return new SendOutcome.NotAccepted(code, message);
		}
		if (status == null || status >= 500) {
			return new SendOutcome.Ambiguous(code, message);
		}
		return new SendOutcome.Rejected(code, message);
	}

	private static SendOutcome connectionFailure(RuntimeException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException) {
				return new SendOutcome.NotAccepted("connection", "Could not connect to Twilio: " + cause.getMessage());
			}
			if (cause instanceof InterruptedIOException) {
				break;
			}
		}
		return new SendOutcome.Ambiguous("connection", "No answer from Twilio: " + ex.getMessage());
	}

	@Override
	public List<ProviderMessage> findAccepted(OutboundSms sms, Instant notBefore) {
		// GET Messages.json?To=&From=&DateSent>=: Twilio lists newest first.
		var reader = Message.reader(this.properties.accountSid())
			.setTo(new PhoneNumber(sms.to()))
			.setDateSentAfter(notBefore.atZone(ZoneOffset.UTC));
		if (!StringUtils.hasText(this.properties.messagingServiceSid())) {
			reader.setFrom(new PhoneNumber(this.properties.fromNumber()));
		}
		ResourceSet<Message> messages = reader.setPageSize(50L).limit(LOOKUP_LIMIT).read(this.client);
		List<ProviderMessage> found = new ArrayList<>();
		for (Message message : messages) {
			if (sms.body().equals(message.getBody())) {
				found.add(new ProviderMessage(message.getSid(),
						(message.getStatus() != null) ? message.getStatus().toString() : null,
						(message.getErrorCode() != null) ? String.valueOf(message.getErrorCode()) : null));
			}
		}
		return found;
	}

	@Override
	public String sender() {
		return StringUtils.hasText(this.properties.messagingServiceSid()) ? this.properties.messagingServiceSid()
				: this.properties.fromNumber();
	}

	@Override
	public boolean simulated() {
		return false;
	}

}
