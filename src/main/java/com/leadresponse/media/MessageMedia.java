package com.leadresponse.media;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

/**
 * The media of messages as staff see them in a conversation (SPEC 10): each item with its
 * type, size and state (downloading, kept, or not kept with the reason), at the address
 * the service serves it from to signed-in staff.
 */
@Service
public class MessageMedia {

	private final MediaRepository media;

	private final MediaLinks links;

	MessageMedia(MediaRepository media, MediaLinks links) {
		this.media = media;
		this.links = links;
	}

	/** The items of these messages, in order; messages without media are absent. */
	public Map<UUID, List<MediaItem>> of(Collection<UUID> messageIds) {
		Map<UUID, List<MediaItem>> byMessage = new LinkedHashMap<>();
		for (MediaItem item : this.media.ofMessages(messageIds)) {
			byMessage.computeIfAbsent(item.messageId(), (id) -> new ArrayList<>()).add(item);
		}
		return byMessage;
	}

	/**
	 * A link to the item that works without a login for a few hours ({@link MediaLinks}),
	 * for a signed-in staff member's API client, which has no session for {@link #path}.
	 */
	public URI signedLink(UUID mediaId) {
		return this.links.signed(mediaId);
	}

	/** Where signed-in staff see an item: inline for a photo, as a download otherwise. */
	public static String path(UUID mediaId) {
		return "/media/" + mediaId;
	}

}
