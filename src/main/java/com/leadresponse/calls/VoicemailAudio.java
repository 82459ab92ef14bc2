package com.leadresponse.calls;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where a voicemail's audio comes from: Twilio, fetched with the account's credentials
 * ({@link TwilioVoicemailAudio}), or the simulator when no Twilio credentials are
 * configured ({@link SimulatedVoicemailAudio}).
 */
interface VoicemailAudio {

	/**
	 * Opens the audio of the call's voicemail, the part a player asked for with
	 * {@code range} (its {@code Range} header) where the source serves parts.
	 * @throws RecordingUnavailableException when the source does not give it
	 */
	Audio open(Call call, String range);

	/**
	 * The audio as the player gets it: the status (200, or 206 for a part), its type as
	 * this service states it (never the source's), the length and range headers where the
	 * source gave them, and the stream of bytes, which the caller closes.
	 */
	record Audio(int status, String contentType, String contentLength, String contentRange, String acceptRanges,
			String fileExtension, InputStream body, Closeable source) implements Closeable {

		@Override
		public void close() throws IOException {
			try (this.source) {
				this.body.close();
			}
		}

	}

}
