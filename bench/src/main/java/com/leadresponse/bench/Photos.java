package com.leadresponse.bench;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.ImageIO;

/**
 * The photo a lead texts in the benchmark: a real JPEG of 800 x 600 pixels with fine
 * detail, about as heavy as a phone photo after the carrier's MMS compression (a few
 * hundred kilobytes), made with the JDK's image encoder.
 */
final class Photos {

	private Photos() {
	}

	static byte[] jpeg() {
		BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
		Random random = new Random(42);
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int shade = 90 + ((x / 8 + y / 8) % 2) * 60 + random.nextInt(40);
				image.setRGB(x, y, new Color(shade, Math.min(255, shade + 30), shade / 2).getRGB());
			}
		}
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ImageIO.write(image, "jpeg", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
