package com.leadresponse.media;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The media of an inbound MMS (SPEC 10): every item Twilio lists ({@code NumMedia}, then
 * {@code MediaUrl{N}} and {@code MediaContentType{N}} for each N below it; reading only
 * {@code MediaUrl0} would lose the others) is recorded with its message in the webhook's
 * transaction and downloaded after the answer, one background task per item.
 */
@Component
public class InboundMedia {

	/** Twilio sends at most 10 media per message (docs/twilio.md). */
	static final int MAX_ITEMS = 10;

	private static final int MAX_URL = 2000;

	/** One item as the webhook lists it. */
	public record Listed(String url, String contentType) {
	}

	private final MediaRepository media;

	private final SchedulerClient scheduler;

	private final Clock clock;

	InboundMedia(MediaRepository media, SchedulerClient scheduler, Clock clock) {
		this.media = media;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/**
	 * The items a webhook lists, in order.
	 * @throws MalformedMediaException when {@code NumMedia} and the {@code MediaUrl}
	 * parameters disagree, or a URL cannot be one
	 */
	public static List<Listed> listed(Map<String, String> params) {
		String declared = params.get("NumMedia");
		int count;
		try {
			count = (declared == null || declared.isBlank()) ? 0 : Integer.parseInt(declared.strip());
		}
		catch (NumberFormatException ex) {
			throw MalformedMediaException.of("NumMedia must be a number from 0 to " + MAX_ITEMS);
		}
		if (count < 0 || count > MAX_ITEMS) {
			throw MalformedMediaException.of("NumMedia must be a number from 0 to " + MAX_ITEMS);
		}
		List<Listed> items = new ArrayList<>(count);
		for (int n = 0; n < count; n++) {
			String url = params.get("MediaUrl" + n);
			if (url == null || url.isBlank()) {
				throw MalformedMediaException.of("NumMedia is " + count + " but MediaUrl" + n + " is missing");
			}
			if (url.length() > MAX_URL || !absoluteHttp(url.strip())) {
				throw MalformedMediaException.of("MediaUrl" + n + " is not an http(s) URL");
			}
			items.add(new Listed(url.strip(), MediaTypes.normalise(params.get("MediaContentType" + n))));
		}
		for (String name : params.keySet()) {
			if (name.startsWith("MediaUrl") && !listedIndex(name.substring("MediaUrl".length()), count)) {
				throw MalformedMediaException.of("NumMedia is " + count + " but " + name + " is sent too");
			}
		}
		return items;
	}

	/**
	 * Records the items with their message and schedules their downloads, in the caller's
	 * (the webhook's) transaction: they exist exactly when the message does.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(UUID messageId, List<Listed> items) {
		Instant now = this.clock.instant();
		for (int position = 0; position < items.size(); position++) {
			Listed item = items.get(position);
			UUID id = this.media.insertPending(messageId, position, item.contentType(), item.url(), now);
			this.scheduler.schedule(MediaDownload.TASK.instance(id.toString()).data(id.toString()).scheduledTo(now));
		}
	}

	private static boolean listedIndex(String suffix, int count) {
		try {
			int n = Integer.parseInt(suffix);
			return n >= 0 && n < count;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static boolean absoluteHttp(String url) {
		if (SimulatorPhoto.isSimulated(url)) {
			return true;
		}
		try {
			URI uri = new URI(url);
			return uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
		}
		catch (Exception ex) {
			return false;
		}
	}

}
