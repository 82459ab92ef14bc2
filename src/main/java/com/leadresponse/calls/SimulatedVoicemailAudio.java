package com.leadresponse.calls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The simulator's voicemail audio (SPEC 2, 8), used when no Twilio credentials are
 * configured: a soft tone as long as the simulated recording, as WAV, so the player can
 * be tried without Twilio.
 */
class SimulatedVoicemailAudio implements VoicemailAudio {

	private static final float SAMPLE_RATE = 8000;

	@Override
	public Audio open(Call call, String range) {
		int seconds = Math.max(1, Math.min(CallTwiml.VOICEMAIL_MAX_SECONDS,
				(call.recordingDurationSeconds() != null) ? call.recordingDurationSeconds() : 1));
		byte[] wav = tone(seconds);
		ByteArrayInputStream body = new ByteArrayInputStream(wav);
		return new Audio(200, "audio/wav", String.valueOf(wav.length), null, null, ".wav", body, body);
	}

	private static byte[] tone(int seconds) {
		byte[] samples = new byte[(int) SAMPLE_RATE * seconds];
		for (int i = 0; i < samples.length; i++) {
			samples[i] = (byte) (12 * Math.sin(2 * Math.PI * 440 * i / SAMPLE_RATE));
		}
		AudioFormat format = new AudioFormat(SAMPLE_RATE, 8, 1, true, false);
		ByteArrayOutputStream out = new ByteArrayOutputStream(samples.length + 64);
		try (AudioInputStream audio = new AudioInputStream(new ByteArrayInputStream(samples), format, samples.length)) {
			AudioSystem.write(audio, AudioFileFormat.Type.WAVE, out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
