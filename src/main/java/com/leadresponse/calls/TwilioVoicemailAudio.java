package com.leadresponse.calls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.regex.Pattern;

import com.leadresponse.sms.TwilioProperties;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A voicemail's audio from Twilio (docs/twilio.md): {@code GET
 * .../Accounts/{AccountSid}/Recordings/{RecordingSid}.mp3} at
 * {@code TWILIO_API_BASE_URL}, with the account's HTTP Basic credentials, passing the
 * player's {@code Range} on so a phone can seek. The URL is built from the configured
 * account and the recording's SID, never from the {@code RecordingUrl} a callback sent,
 * and the credentials go to the Twilio host alone: preemptively to it, never to a host it
 * redirects to.
 */
class TwilioVoicemailAudio implements VoicemailAudio, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(TwilioVoicemailAudio.class);

	private static final Pattern RECORDING_SID = Pattern.compile("RE[0-9a-fA-F]{32}");

	private final TwilioProperties twilio;

	private final HttpHost host;

	private final String basePath;

	private final CloseableHttpClient client;

	TwilioVoicemailAudio(TwilioProperties twilio) {
		this.twilio = twilio;
		URI base = twilio.apiBaseUrl();
		int port = (base.getPort() != -1) ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
		this.host = new HttpHost(base.getScheme(), base.getHost(), port);
		this.basePath = (base.getPath() != null) ? base.getPath().replaceAll("/+$", "") : "";
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.ofSeconds(5))
					.setSocketTimeout(Timeout.ofSeconds(30))
					.build())
				.setMaxConnTotal(20)
				.setMaxConnPerRoute(20)
				.build())
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(30)).build())
			.disableAutomaticRetries()
			.build();
	}

	@Override
	public Audio open(Call call, String range) {
		if (!RECORDING_SID.matcher(call.recordingSid()).matches()) {
			throw RecordingUnavailableException.notAtTwilio();
		}
		HttpGet get = new HttpGet(this.basePath + "/2010-04-01/Accounts/" + this.twilio.accountSid() + "/Recordings/"
				+ call.recordingSid() + ".mp3");
		if (range != null) {
			get.setHeader(HttpHeaders.RANGE, range);
		}
		BasicScheme basic = new BasicScheme();
		basic.initPreemptive(
				new UsernamePasswordCredentials(this.twilio.accountSid(), this.twilio.authToken().toCharArray()));
		HttpClientContext context = HttpClientContext.create();
		context.resetAuthExchange(this.host, basic);
		ClassicHttpResponse response;
		try {
			response = this.client.executeOpen(this.host, get, context);
		}
		catch (IOException ex) {
			log.warn("Could not reach Twilio for the audio of recording {}: {}", call.recordingSid(), ex.toString());
			throw RecordingUnavailableException.twilioUnreachable(ex);
		}
		int status = response.getCode();
		if ((status != 200 && status != 206 && status != 416) || response.getEntity() == null) {
			discard(response);
			// The operator's clue: 401 means TWILIO_ACCOUNT_SID/TWILIO_AUTH_TOKEN are not
			// the account that recorded it.
			log.warn("Twilio answered HTTP {} for the audio of recording {}", status, call.recordingSid());
			throw (status == 404) ? RecordingUnavailableException.notAtTwilio()
					: RecordingUnavailableException.twilioAnswered(status);
		}
		try {
			InputStream body = response.getEntity().getContent();
			return new Audio(status, "audio/mpeg", header(response, HttpHeaders.CONTENT_LENGTH),
					header(response, HttpHeaders.CONTENT_RANGE), header(response, HttpHeaders.ACCEPT_RANGES), ".mp3",
					body, response);
		}
		catch (IOException ex) {
			throw RecordingUnavailableException.twilioUnreachable(ex);
		}
	}

	/** An answer that is not audio: its connection is given back, its body unread. */
	private static void discard(ClassicHttpResponse response) {
		try {
			response.close();
		}
		catch (IOException ex) {
			// The request already failed; the answer names that failure.
		}
	}

	private static String header(ClassicHttpResponse response, String name) {
		Header header = response.getFirstHeader(name);
		return (header != null) ? header.getValue() : null;
	}

	@Override
	public void close() throws IOException {
		this.client.close();
	}

}
