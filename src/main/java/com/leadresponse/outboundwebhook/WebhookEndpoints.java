package com.leadresponse.outboundwebhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import com.leadresponse.system.AppProperties;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What admins do with outbound webhook endpoints (SPEC 11): register one (its URL
 * checked, its secret made and shown once), list them without secrets, delete, enable a
 * disabled one again, read an endpoint's delivery log and resend a delivery.
 */
@Service
public class WebhookEndpoints {

	/** The longest URL an endpoint may have. */
	static final int MAX_URL = 2000;

	/** A new endpoint, with its secret: the only time the secret is shown. */
	public record Registered(WebhookEndpoint endpoint, String secret) {
	}

	private final WebhookEndpointRepository endpoints;

	private final WebhookOutboxRepository outbox;

	private final AppProperties app;

	private final OutboundWebhookProperties properties;

	private final Clock clock;

	WebhookEndpoints(WebhookEndpointRepository endpoints, WebhookOutboxRepository outbox, AppProperties app,
			OutboundWebhookProperties properties, Clock clock) {
		this.endpoints = endpoints;
		this.outbox = outbox;
		this.app = app;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	public Registered register(String url, List<String> events) {
		String checkedUrl = checkUrl(url);
		List<String> checkedEvents = checkEvents(events);
		if (this.endpoints.count() >= this.properties.maxEndpoints()) {
			throw InvalidEndpointException.tooMany(this.properties.maxEndpoints());
		}
		UUID id = UUID.randomUUID();
		String secret = WebhookSigner.newSecret();
		this.endpoints.insert(id, checkedUrl, checkedEvents, secret, this.clock.instant());
		return new Registered(this.endpoints.find(id).orElseThrow(), secret);
	}

	public List<WebhookEndpoint> all() {
		return this.endpoints.all();
	}

	public WebhookEndpoint get(UUID id) {
		return this.endpoints.find(id).orElseThrow(() -> EndpointNotFoundException.forId(id));
	}

	/** Deletes the endpoint with its deliveries: nothing more goes to it. */
	public void delete(UUID id) {
		if (!this.endpoints.delete(id)) {
			throw EndpointNotFoundException.forId(id);
		}
	}

	/** Enables a disabled endpoint; its waiting deliveries go out in order. */
	public boolean enable(UUID id) {
		get(id);
		return this.endpoints.enable(id);
	}

	/** The endpoint's latest deliveries, newest first. */
	public List<Delivery> log(UUID endpointId, int limit) {
		return this.outbox.log(endpointId, limit)
			.stream()
			.map((d) -> new Delivery(d.id(), d.eventId(), d.type(), d.leadId(), d.status(), d.attempts(),
					d.responseCode(), d.lastError(), d.createdAt(), d.lastAttemptAt(),
					"delivered".equals(d.status()) ? null : d.nextAttemptAt(), d.deliveredAt()))
			.toList();
	}

	/** One delivery of an event to an endpoint, as the log shows it. */
	public record Delivery(UUID id, String webhookId, String type, UUID leadId, String status, int attempts,
			Integer responseCode, String lastError, Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt,
			Instant deliveredAt) {
	}

	/**
	 * Resends a delivery now with the same {@code webhook-id}; false while it is being
	 * sent.
	 */
	public boolean resend(UUID endpointId, UUID deliveryId) {
		UUID owner = this.outbox.endpointOf(deliveryId)
			.orElseThrow(() -> EndpointNotFoundException.forDelivery(deliveryId));
		if (!owner.equals(endpointId)) {
			throw EndpointNotFoundException.forDelivery(deliveryId);
		}
		return this.outbox.resend(deliveryId, this.clock.instant());
	}

	/**
	 * An endpoint URL (SPEC 11): absolute http or https with a host, no credentials in
	 * it, and not under this service's own {@code APP_PUBLIC_URL} (its events would loop
	 * back into it). Hosts of the own network are allowed: the product is self-hosted.
	 */
	String checkUrl(String url) {
		if (url == null || url.isBlank()) {
			throw InvalidEndpointException.url("is required");
		}
		String trimmed = url.strip();
		if (trimmed.length() > MAX_URL) {
			throw InvalidEndpointException.url("is longer than " + MAX_URL + " characters");
		}
		URI uri;
		try {
			uri = new URI(trimmed);
		}
		catch (URISyntaxException ex) {
			throw InvalidEndpointException.url("is not a valid URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			throw InvalidEndpointException.url("must start with http:// or https://");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw InvalidEndpointException.url("has no host name");
		}
		if (uri.getRawUserInfo() != null) {
			throw InvalidEndpointException
				.url("must not carry a user name or password; receivers check the signature instead");
		}
		if (underPublicUrl(uri)) {
			throw InvalidEndpointException.url("is under this service's own APP_PUBLIC_URL (" + this.app.publicUrl()
					+ "): its events would loop back into it");
		}
		return trimmed;
	}

	private boolean underPublicUrl(URI uri) {
		URI own = this.app.publicUrl();
		if (own.getHost() == null || !host(own).equals(host(uri)) || port(own) != port(uri)) {
			return false;
		}
		String ownPath = Objects.requireNonNullElse(own.getPath(), "");
		ownPath = ownPath.endsWith("/") ? ownPath : ownPath + "/";
		String path = Objects.requireNonNullElse(uri.getPath(), "");
		path = path.endsWith("/") ? path : path + "/";
		return path.startsWith(ownPath);
	}

	private static String host(URI uri) {
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	/** At least one event, each one SPEC 11 names; repeats are taken once. */
	static List<String> checkEvents(List<String> events) {
		if (events == null || events.isEmpty()) {
			throw InvalidEndpointException.events("must name at least one event of " + WebhookEventType.wireNames());
		}
		List<String> checked = new ArrayList<>();
		for (String event : events) {
			if (event == null || WebhookEventType.fromWireName(event).isEmpty()) {
				throw InvalidEndpointException.events("has an unknown event \"" + shorten(event) + "\"; the events are "
						+ String.join(", ", WebhookEventType.wireNames()));
			}
			if (!checked.contains(event)) {
				checked.add(event);
			}
		}
		return checked;
	}

	private static String shorten(String value) {
		if (value == null) {
			return "null";
		}
		String printable = value.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() > 40) ? printable.substring(0, 40) + "…" : printable;
	}

}
