package com.leadresponse.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The photo the SMS simulator texts back as a lead (SPEC 10: "the simulator can reply
 * with a photo"): listed in the simulated webhook like Twilio's media, under a
 * {@code simulator:} address that only the simulator's download reads, from the jar.
 */
public final class SimulatorPhoto {

	static final String PREFIX = "simulator:";

	static final String NAME = "driveway.png";

	private SimulatorPhoto() {
	}

	/** The media parameters of a simulated inbound MMS with the sample photo. */
	public static Map<String, String> webhookParameters() {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("NumMedia", "1");
		params.put("MediaUrl0", PREFIX + NAME);
		params.put("MediaContentType0", "image/png");
		return params;
	}

	static boolean isSimulated(String url) {
		return url != null && url.startsWith(PREFIX);
	}

	static byte[] bytes(String url) {
		String name = url.substring(PREFIX.length());
		if (!NAME.equals(name)) {
			throw new IllegalArgumentException("The simulator has no photo " + name);
		}
		try (InputStream in = SimulatorPhoto.class.getResourceAsStream("/simulator/" + NAME)) {
			if (in == null) {
				throw new IllegalStateException("The simulator's photo is missing from the jar");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
