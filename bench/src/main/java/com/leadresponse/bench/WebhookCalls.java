package com.leadresponse.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds Twilio webhooks as Twilio sends them (inbound SMS, incoming calls):
 * form-encoded, signed with HMAC-SHA1 of the public URL plus each parameter sorted by
 * name (docs/twilio.md).
 */
final class WebhookCalls {

	static final String PATH = "/api/webhooks/twilio";

	static final String VOICE_PATH = "/api/webhooks/twilio/voice";

	private static final String BAD_SIGNATURE = Base64.getEncoder()
		.encodeToString("not the signature".getBytes(StandardCharsets.UTF_8));

	/** The first hex digits of every SID the benchmark makes. */
	static final String PREFIX = "bec0";

	private final URI uri;

	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(WebhookCalls::mac);

	WebhookCalls(URI uri) {
		this.uri = uri;
	}

	/**
	 * The n-th distinct inbound SMS: its own MessageSid, from one of the seeded leads.
	 */
	static Map<String, String> inbound(long n) {
		String sid = sid("SM", n);
		Map<String, String> params = new TreeMap<>();
		params.put("AccountSid", ProviderStandIn.ACCOUNT_SID);
		params.put("Body", "Yes please call me tomorrow");
		params.put("From", "+1512" + (2_000_000 + 1 + (n % BenchDatabase.WEBHOOK_LEADS)));
		params.put("MessageSid", sid);
		params.put("NumMedia", "0");
		params.put("NumSegments", "1");
		params.put("SmsSid", sid);
		params.put("To", ProviderStandIn.FROM);
		return params;
	}

	/**
	 * The n-th distinct inbound MMS: a text and {@code photos} JPEGs, from one of the
	 * seeded leads, with the media addresses the stand-in serves.
	 */
	static Map<String, String> inboundMms(long n, int photos, ProviderStandIn twilio) {
		Map<String, String> params = inbound(n);
		String sid = sid("MM", n);
		params.put("MessageSid", sid);
		params.put("SmsSid", sid);
		params.put("SmsMessageSid", sid);
		params.put("Body", "Here is the yard");
		params.put("NumMedia", Integer.toString(photos));
		for (int i = 0; i < photos; i++) {
			params.put("MediaUrl" + i, twilio.mediaUrl(sid, i));
			params.put("MediaContentType" + i, "image/jpeg");
		}
		return params;
	}

	/**
	 * The n-th distinct incoming call, from {@code from}, as the number's Voice URL gets
	 * it.
	 */
	static Map<String, String> incomingCall(long n, String from) {
		Map<String, String> params = new TreeMap<>();
		params.put("AccountSid", ProviderStandIn.ACCOUNT_SID);
		params.put("ApiVersion", "2010-04-01");
		params.put("CallSid", sid("CA", n));
		params.put("CallStatus", "ringing");
		params.put("Called", ProviderStandIn.FROM);
		params.put("Caller", from);
		params.put("Direction", "inbound");
		params.put("From", from);
		params.put("FromCountry", "US");
		params.put("FromState", "TX");
		params.put("To", ProviderStandIn.FROM);
		params.put("ToCountry", "US");
		return params;
	}

	/**
	 * A SID as Twilio makes them (two letters and 32 hex digits, which the product
	 * checks), known as the benchmark's by its first hex digits {@code bec0}.
	 */
	static String sid(String prefix, long n) {
		return prefix + PREFIX + "%028d".formatted(n);
	}

	HttpRequest signed(Map<String, String> params) {
		return request(params, sign(params));
	}

	HttpRequest wronglySigned(Map<String, String> params) {
		return request(params, BAD_SIGNATURE);
	}

	private HttpRequest request(Map<String, String> params, String signature) {
		String body = params.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return HttpRequest.newBuilder(this.uri)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Twilio-Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private String sign(Map<String, String> params) {
		StringBuilder data = new StringBuilder(this.uri.toString());
		new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
		return Base64.getEncoder()
			.encodeToString(this.macs.get().doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
	}

	private static Mac mac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(ProviderStandIn.AUTH_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
