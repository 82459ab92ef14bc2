package com.leadresponse.media;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

import org.apache.tika.Tika;

/**
 * What kind of file a medium is, read from its bytes (Apache Tika) rather than from what
 * the sender claims, and which kinds a browser may show inline (SPEC 10: JPEG, PNG, GIF,
 * WebP; SVG and HTML never, since they can carry script).
 */
final class MediaTypes {

	static final Set<String> INLINE = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

	private static final Tika TIKA = new Tika();

	private MediaTypes() {
	}

	/**
	 * How many first bytes tell the four inline image types apart: their magic numbers
	 * are within the first 12 (WebP's {@code RIFF....WEBP}).
	 */
	private static final int IMAGE_MAGIC = 64;

	/** The type the first bytes of a file show, e.g. {@code image/png}. */
	static String detect(byte[] head) {
		// A photo, nearly every medium, is known from its first bytes: Tika's detection
		// over a few bytes is a fraction of its cost over the whole head (it tries every
		// type it knows, some over the first 8 KB, which was most of the product's CPU
		// while photos downloaded). Anything else is detected on the whole head. A file
		// whose first bytes are an image's is that image for Tika either way.
		if (head.length > IMAGE_MAGIC) {
			String image = TIKA.detect(Arrays.copyOf(head, IMAGE_MAGIC)).toLowerCase(Locale.ROOT);
			if (INLINE.contains(image)) {
				return image;
			}
		}
		return TIKA.detect(head).toLowerCase(Locale.ROOT);
	}

	/**
	 * A declared content type without parameters, lower case; a safe default when absent.
	 */
	static String normalise(String declared) {
		if (declared == null || declared.isBlank()) {
			return "application/octet-stream";
		}
		String type = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		return type.matches("[a-z0-9.+-]+/[a-z0-9.+-]+") && type.length() <= 100 ? type : "application/octet-stream";
	}

}
