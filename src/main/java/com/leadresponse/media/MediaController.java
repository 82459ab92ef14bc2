package com.leadresponse.media;

import java.util.UUID;

import com.leadresponse.settings.StaffPrincipal;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves a medium (SPEC 10) to signed-in staff, or to whoever holds a link the service
 * signed (Twilio fetching a photo staff send) until it expires. JPEG, PNG, GIF and WebP
 * are shown inline; anything else is a download; never sniffed, never run as a page.
 */
@RestController
class MediaController {

	private final MediaRepository media;

	private final MediaLinks links;

	MediaController(MediaRepository media, MediaLinks links) {
		this.media = media;
		this.links = links;
	}

	@GetMapping("/media/{id}")
	ResponseEntity<byte[]> serve(@PathVariable UUID id, @RequestParam(required = false) String expires,
			@RequestParam(required = false) String signature, Authentication viewer) {
		if (signature != null || expires != null) {
			if (!this.links.valid(id, expires, signature)) {
				throw new ResponseStatusException(HttpStatus.FORBIDDEN, "This link has expired or was changed");
			}
		}
		else if (viewer == null || !(viewer.getPrincipal() instanceof StaffPrincipal)) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in to see this");
		}
		MediaItem item = this.media.find(id)
			.filter((found) -> found.status() == MediaItem.Status.STORED)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No stored medium with this id"));
		byte[] content = this.media.content(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No stored medium with this id"));
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Content-Type-Options", "nosniff");
		// Even a file that slips past the type check cannot run script here.
		headers.set("Content-Security-Policy", "sandbox; default-src 'none'");
		headers.setCacheControl(CacheControl.noCache().cachePrivate());
		if (item.image()) {
			headers.setContentType(MediaType.parseMediaType(item.contentType()));
			headers.setContentDisposition(ContentDisposition.inline().filename(item.fileName()).build());
		}
		else {
			headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
			headers.setContentDisposition(ContentDisposition.attachment().filename(item.fileName()).build());
		}
		return new ResponseEntity<>(content, headers, HttpStatus.OK);
	}

}
