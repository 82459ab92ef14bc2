package com.leadresponse.sms;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The media an outbound message carries (an MMS, SPEC 10), as links the provider fetches
 * itself; provided by the media feature, asked for at the moment of sending (the links
 * are valid for a few hours from then). Only a staff member's text carries media
 * ({@code Leads.sendManual}); the automatic texts are never asked about.
 */
public interface MessageAttachments {

	/** The links of each message's media, in order; messages without media are absent. */
	Map<UUID, List<URI>> linksFor(Collection<UUID> messageIds);

}
