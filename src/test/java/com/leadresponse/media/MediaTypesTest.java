package com.leadresponse.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.leadresponse.support.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a medium is, from its bytes (SPEC 10): photos are told from their first bytes, and
 * everything else from the whole head, so a shortcut for photos never lets a page or an
 * SVG be shown inline.
 */
class MediaTypesTest {

	@Test
	void photosAreKnownByTheirBytes() {
		assertThat(MediaTypes.detect(head(TestImages.jpeg(400, 300)))).isEqualTo("image/jpeg");
		assertThat(MediaTypes.detect(head(TestImages.png(400, 300)))).isEqualTo("image/png");
		assertThat(MediaTypes.detect(head(TestImages.gif(400, 300)))).isEqualTo("image/gif");
		byte[] webp = new byte[200];
		System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, webp, 0, 4);
		System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, webp, 8, 8);
		assertThat(MediaTypes.detect(webp)).isEqualTo("image/webp");
		// What Tika's whole detection says of each.
		for (byte[] photo : java.util.List.of(head(TestImages.jpeg(40, 30)), head(TestImages.png(40, 30)),
				head(TestImages.gif(40, 30)), webp)) {
			assertThat(MediaTypes.detect(photo)).isEqualTo(new org.apache.tika.Tika().detect(photo));
		}
	}

	@Test
	void pagesScriptsAndDocumentsAreNotImagesHoweverLongTheirFirstBytesLookHarmless() {
		byte[] page = (" ".repeat(500) + "<html><body><script>alert(1)</script></body></html>")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(MediaTypes.detect(page)).isEqualTo("text/html");
		byte[] svg = ("<?xml version=\"1.0\"?>\n<!-- " + "x".repeat(300) + " -->\n"
				+ new String(TestImages.svgWithScript(), StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8);
		assertThat(MediaTypes.detect(svg)).isEqualTo("image/svg+xml");
		assertThat(MediaTypes.detect(TestImages.pdf())).isEqualTo("application/pdf");
		assertThat(MediaTypes.INLINE).doesNotContain(MediaTypes.detect(page), MediaTypes.detect(svg));
	}

	@Test
	void aFileThatStartsAsAPhotoIsThatPhotoWithTheShortcutOrWithout() {
		byte[] png = head(TestImages.png(40, 30));
		byte[] polyglot = Arrays.copyOf(png, png.length + 200);
		byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
		System.arraycopy(html, 0, polyglot, png.length, html.length);

		assertThat(MediaTypes.detect(polyglot)).isEqualTo(new org.apache.tika.Tika().detect(polyglot))
			.isEqualTo("image/png");
	}

	private static byte[] head(byte[] content) {
		return Arrays.copyOf(content, Math.min(content.length, 8192));
	}

}
