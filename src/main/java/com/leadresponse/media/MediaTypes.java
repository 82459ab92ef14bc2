package com.leadresponse.media;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.tika.Tika;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

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

	/** Tika's own definitions of the inline types, with their magic numbers. */
	private static final List<MimeType> INLINE_TYPES = INLINE.stream().sorted().map(MediaTypes::tikaType).toList();

	/** The type the first bytes of a file show, e.g. {@code image/png}. */
	static String detect(byte[] head) {
		// A photo, nearly every medium, is one of the inline types: matching the head
		// against those types' magic numbers (Tika's definitions) costs microseconds,
		// where Tika's whole detection tries every type it knows, about 0.4 ms each time
		// and most of the product's CPU while photos downloaded. Anything else is
		// detected
		// as before. A file that starts as a photo is that photo for Tika either way.
		for (MimeType type : INLINE_TYPES) {
			if (type.matchesMagic(head)) {
				return type.getName();
			}
		}
		return TIKA.detect(head).toLowerCase(Locale.ROOT);
	}

	private static MimeType tikaType(String name) {
		try {
			return MimeTypes.getDefaultMimeTypes().forName(name);
		}
		catch (MimeTypeException ex) {
			throw new IllegalStateException("Tika does not know " + name, ex);
		}
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
