package com.leadresponse.media;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.sms.MessageAttachments;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Photos staff send (SPEC 10): up to 5 images, 5 MB in all, JPEG, PNG, GIF or WebP by
 * their bytes; stored with their message, and handed to the provider as signed links at
 * the moment it is sent.
 */
@Component
public class OutboundMedia implements MessageAttachments {

	/** SPEC 10: up to 5 images, 5 MB in all. */
	public static final int MAX_ITEMS = 5;

	public static final int MAX_TOTAL_BYTES = 5 * 1024 * 1024;

	/** A photo as staff attached it, with the name they gave it. */
	public record Upload(String filename, byte[] content) {
	}

	/** An upload that passed the checks, with the type its bytes show. */
	public record Checked(String contentType, byte[] content) {
	}

	private final MediaRepository media;

	private final MediaLinks links;

	private final Clock clock;

	OutboundMedia(MediaRepository media, MediaLinks links, Clock clock) {
		this.media = media;
		this.links = links;
		this.clock = clock;
	}

	/**
	 * Checks staff's attachments before anything is stored.
	 * @throws InvalidUploadException naming the first problem
	 */
	public List<Checked> check(List<Upload> uploads) {
		List<Upload> present = uploads.stream().filter((u) -> u.content().length > 0).toList();
		if (present.size() > MAX_ITEMS) {
			throw InvalidUploadException.because("at most " + MAX_ITEMS + " photos a text");
		}
		long total = present.stream().mapToLong((u) -> u.content().length).sum();
		if (total > MAX_TOTAL_BYTES) {
			throw InvalidUploadException.because("at most 5 MB of photos a text (these are "
					+ String.format(java.util.Locale.US, "%.1f", total / 1048576.0) + " MB)");
		}
		List<Checked> checked = new ArrayList<>();
		for (Upload upload : present) {
			String type = MediaTypes.detect(Arrays.copyOf(upload.content(), Math.min(upload.content().length, 8192)));
			if (!MediaTypes.INLINE.contains(type)) {
				throw InvalidUploadException
					.because("“" + upload.filename() + "” is not a photo (JPEG, PNG, GIF or WebP)");
			}
			checked.add(new Checked(type, upload.content()));
		}
		return checked;
	}

	/** Stores checked photos with the message that carries them, in its transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void attach(UUID messageId, List<Checked> photos) {
		Instant now = this.clock.instant();
		for (int position = 0; position < photos.size(); position++) {
			Checked photo = photos.get(position);
			this.media.insertStored(messageId, position, photo.contentType(), photo.content(), now);
		}
	}

	@Override
	public Map<UUID, List<URI>> linksFor(Collection<UUID> messageIds) {
		Map<UUID, List<URI>> links = new LinkedHashMap<>();
		for (MediaItem item : this.media.ofMessages(messageIds)) {
			if (item.status() == MediaItem.Status.STORED) {
				links.computeIfAbsent(item.messageId(), (id) -> new ArrayList<>()).add(this.links.signed(item.id()));
			}
		}
		return links;
	}

}
