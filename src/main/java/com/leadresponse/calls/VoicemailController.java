package com.leadresponse.calls;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/calls/{id}/recording}: a voicemail streamed to signed-in staff as it
 * comes from Twilio, a part at a time where the player asks for one (phones seek with
 * {@code Range}), played inline, kept only in the staff member's own browser cache.
 */
@RestController
@RequestMapping("/api/calls")
class VoicemailController {

	private final Voicemails voicemails;

	VoicemailController(Voicemails voicemails) {
		this.voicemails = voicemails;
	}

	@GetMapping("/{id}/recording")
	void recording(@PathVariable UUID id, @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
			HttpServletResponse response) throws IOException {
		try (VoicemailAudio.Audio audio = this.voicemails.open(id, range)) {
			response.setStatus(audio.status());
			response.setContentType(audio.contentType());
			setIfPresent(response, HttpHeaders.CONTENT_LENGTH, audio.contentLength());
			setIfPresent(response, HttpHeaders.CONTENT_RANGE, audio.contentRange());
			setIfPresent(response, HttpHeaders.ACCEPT_RANGES, audio.acceptRanges());
			response.setHeader(HttpHeaders.CACHE_CONTROL, "private, max-age=3600");
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("voicemail-" + id + audio.fileExtension()).build().toString());
			response.setHeader("X-Content-Type-Options", "nosniff");
			audio.body().transferTo(response.getOutputStream());
		}
	}

	private static void setIfPresent(HttpServletResponse response, String name, String value) {
		if (value != null) {
			response.setHeader(name, value);
		}
	}

}
