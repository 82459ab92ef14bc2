package com.leadresponse.media;

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

	/** The type the first bytes of a file show, e.g. {@code image/png}. */
	static String detect(byte[] head) {
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
