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

	/**
	 * The name the item is served under: {@code photo-2.jpg} for a photo,
	 * {@code attachment-1.pdf} for anything else (Twilio gives no file name).
	 */
	public String fileName() {
		return (image() ? "photo-" : "attachment-") + (this.position + 1) + extension(this.contentType);
	}

	private static String extension(String type) {
		return switch (type) {
			case "image/jpeg" -> ".jpg";
			case "image/png" -> ".png";
			case "image/gif" -> ".gif";
			case "image/webp" -> ".webp";
			case "application/pdf" -> ".pdf";
			case "video/mp4" -> ".mp4";
			default -> "";
		};
	}

}
