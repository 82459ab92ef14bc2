package com.leadresponse.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

/** A lead's conversation: its messages in order, and the inbound texts stored once. */
@Service
public class Conversation {

	private final ConversationRepository messages;

	private final Clock clock;

	Conversation(ConversationRepository messages, Clock clock) {
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * Stores an inbound SMS and answers its id; empty when a message with this SID is
	 * already stored (SPEC 5.4: {@code provider_sid} is unique, so even a copy after the
	 * webhook record expired stores nothing).
	 */
	public Optional<UUID> recordInbound(UUID leadId, String providerSid, String from, String to, String body) {
		return this.messages.insertInbound(leadId, providerSid, from, to, (body != null) ? body : "",
				this.clock.instant());
	}

	/**
	 * A lead's message that a lead source relayed into the conversation (a customer's
	 * message on Thumbtack): stored as received on that channel. Call it once per
	 * message: the source's own submission is what dedupes it.
	 */
	public UUID recordRelayed(UUID leadId, String channel, String from, String body) {
		return this.messages.insertRelayed(leadId, channel, from, (body != null) ? body : "", this.clock.instant());
	}

	/** The lead's messages, oldest first. */
	public List<Message> of(UUID leadId) {
		return this.messages.forLead(leadId);
	}

	/**
	 * Whether the lead texted in after {@code since} (SPEC 8: a missed caller wrote
	 * first).
	 */
	public boolean leadTextedSince(UUID leadId, Instant since) {
		return this.messages.inboundSince(leadId, since);
	}

	/**
	 * Whether staff texted the lead after {@code since}, a text that was not refused
	 * (SPEC 8: a person reached the caller).
	 */
	public boolean staffTextedSince(UUID leadId, Instant since) {
		return this.messages.staffTextSince(leadId, since);
	}

	public Optional<Message> find(UUID messageId) {
		return this.messages.findById(messageId);
	}

}
