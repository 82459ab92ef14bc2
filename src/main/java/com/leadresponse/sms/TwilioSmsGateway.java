package com.leadresponse.sms;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

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
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.util.Timeout;

import org.springframework.util.StringUtils;

/** Sends through Twilio's REST API with the official library, one attempt per call. */
class TwilioSmsGateway implements SmsGateway {

	static final String STATUS_CALLBACK_PATH = "/api/webhooks/twilio/status";

	private final TwilioRestClient client;

	private final TwilioProperties properties;

	private final URI statusCallback;

	TwilioSmsGateway(TwilioProperties properties, AppProperties app) {
		this.properties = properties;
		RequestConfig requestConfig = RequestConfig.custom()
			.setConnectTimeout(Timeout.ofSeconds(5))
			.setResponseTimeout(Timeout.ofSeconds(20))
			.build();
		this.client = new TwilioRestClient.Builder(properties.accountSid(), properties.authToken())
			.httpClient(
					new SingleAttemptTwilioHttpClient(new NetworkHttpClient(requestConfig), properties.apiBaseUrl()))
			.build();
		this.statusCallback = URI.create(app.urlOf(STATUS_CALLBACK_PATH));
	}

	@Override
	public SendOutcome send(OutboundSms sms) {
		try {
			Message message = creator(sms).setStatusCallback(this.statusCallback).create(this.client);
			return new SendOutcome.Accepted(message.getSid());
		}
		catch (ApiException ex) {
			return classify(ex);
		}
		catch (ApiConnectionException ex) {
			return connectionFailure(ex);
		}
	}

	private MessageCreator creator(OutboundSms sms) {
		PhoneNumber to = new PhoneNumber(sms.to());
		if (StringUtils.hasText(this.properties.messagingServiceSid())) {
			return Message.creator(this.properties.accountSid(), to, this.properties.messagingServiceSid(), sms.body());
		}
		return Message.creator(this.properties.accountSid(), to, new PhoneNumber(this.properties.fromNumber()),
				sms.body());
	}

	static SendOutcome classify(ApiException ex) {
		Integer status = ex.getStatusCode();
		String code = (ex.getCode() != null) ? String.valueOf(ex.getCode()) : "HTTP " + status;
		String message = ex.getMessage();
		if ((status != null && status == 429) || Integer.valueOf(20429).equals(ex.getCode())) {
			return new SendOutcome.NotAccepted(code, message);
		}
		if (status == null || status >= 500) {
			return new SendOutcome.Ambiguous(code, message);
		}
		return new SendOutcome.Rejected(code, message);
	}

	private static SendOutcome connectionFailure(ApiConnectionException ex) {
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
	public Optional<String> findAccepted(OutboundSms sms, Instant notBefore) {
		var reader = Message.reader(this.properties.accountSid())
			.setTo(new PhoneNumber(sms.to()))
			.setDateSentAfter(notBefore.minusSeconds(60).atZone(ZoneOffset.UTC));
		if (!StringUtils.hasText(this.properties.messagingServiceSid())) {
			reader.setFrom(new PhoneNumber(this.properties.fromNumber()));
		}
		ResourceSet<Message> messages = reader.setPageSize(50L).read(this.client);
		for (Message message : messages) {
			if (sms.body().equals(message.getBody())) {
				return Optional.of(message.getSid());
			}
		}
		return Optional.empty();
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
