package com.leadresponse.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/**
 * Real image files for tests, drawn with the JDK's ImageIO, and a few that are not
 * images.
 */
public final class TestImages {

	private TestImages() {
	}

	public static byte[] jpeg(int width, int height) {
		return draw("jpg", width, height, BufferedImage.TYPE_INT_RGB);
	}

	public static byte[] png(int width, int height) {
		return draw("png", width, height, BufferedImage.TYPE_INT_ARGB);
	}

	public static byte[] gif(int width, int height) {
		return draw("gif", width, height, BufferedImage.TYPE_INT_RGB);
	}

	/** A PDF's first bytes: a document, not a photo. */
	public static byte[] pdf() {
		return "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
			.getBytes(StandardCharsets.US_ASCII);
	}

	/** An SVG that would run script if a browser showed it as a page. */
	public static byte[] svgWithScript() {
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>"
			.getBytes(StandardCharsets.UTF_8);
	}

	/** Random-looking bytes of the given size: too big for a photo when over 5 MB. */
	public static byte[] noise(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31 + (i >> 7));
		}
		return bytes;
	}

	private static byte[] draw(String format, int width, int height, int type) {
		BufferedImage image = new BufferedImage(width, height, type);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(120, 170, 235));
		g.fillRect(0, 0, width, height);
		g.setColor(new Color(230, 120, 20));
		g.fillRect(width / 4, height / 2, width / 2, Math.max(1, height / 10));
		g.dispose();
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("No ImageIO writer for " + format);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
