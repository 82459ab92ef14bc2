package com.leadresponse.media;

import java.time.Instant;
import java.util.UUID;

/** One photo or other medium of a message, as stored in {@code message_media}. */
public record MediaItem(UUID id, UUID messageId, int position, String contentType, Integer sizeBytes,
		String providerUrl, Status status, String errorMessage, int attempts, Instant createdAt) {

	/** Where the item stands: waiting for its download, kept, or not kept (with why). */
	public enum Status {

		PENDING, STORED, FAILED;

		String dbValue() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		static Status fromDb(String value) {
			return valueOf(value.toUpperCase(java.util.Locale.ROOT));
		}

	}

	/** An image a browser may show inline: JPEG, PNG, GIF or WebP (never SVG or HTML). */
	public boolean image() {
		return MediaTypes.INLINE.contains(this.contentType);
	}

}
