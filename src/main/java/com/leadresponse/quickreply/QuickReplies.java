package com.leadresponse.quickreply;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.leadresponse.settings.BusinessSettings;
import com.leadresponse.sms.MessageTemplates;
import com.leadresponse.sms.OutboundMessages;
import com.leadresponse.system.ControlCharacters;

import org.springframework.stereotype.Service;

/**
 * Quick replies (SPEC 11): saved by admins with a shortcut and a text whose merge fields
 * are the sequence's and are checked the same way (an unknown one is refused, named);
 * offered to every staff member, filled for the lead they are writing to.
 */
@Service
public class QuickReplies {

	/** A shortcut is typed after "/": letters, digits and dashes, lower case. */
	static final Pattern SHORTCUT = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

	/** Enough for a business's answers; the composer's menu stays short. */
	static final int MAX_REPLIES = 100;

	private final QuickReplyRepository replies;

	private final BusinessSettings business;

	private final Clock clock;

	QuickReplies(QuickReplyRepository replies, BusinessSettings business, Clock clock) {
		this.replies = replies;
		this.business = business;
		this.clock = clock;
	}

	public List<QuickReply> all() {
		return this.replies.all();
	}

	/** The replies filled for a lead, as the composer inserts them. */
	public List<QuickReply.ForLead> forLead(String leadName, String leadSource) {
		Map<String, String> values = MessageTemplates.leadValues(leadName, leadSource, this.business.profile().name());
		return this.replies.all()
			.stream()
			.map((reply) -> new QuickReply.ForLead(reply.id(), reply.shortcut(),
					MessageTemplates.render(reply.body(), values)))
			.toList();
	}

	public QuickReply create(String shortcut, String body) {
		String name = checkShortcut(shortcut);
		String text = checkBody(body);
		if (this.replies.count() >= MAX_REPLIES) {
			throw new InvalidQuickReplyException("shortcut", "At most " + MAX_REPLIES + " quick replies may be saved.");
		}
		UUID id = UUID.randomUUID();
		if (!this.replies.insert(id, name, text, this.clock.instant())) {
			throw new InvalidQuickReplyException("shortcut",
					"A quick reply with the shortcut /" + name + " exists already.");
		}
		return this.replies.all().stream().filter((r) -> r.id().equals(id)).findFirst().orElseThrow();
	}

	public void delete(UUID id) {
		if (!this.replies.delete(id)) {
			throw QuickReplyNotFoundException.forId(id);
		}
	}

	private static String checkShortcut(String shortcut) {
		String name = (shortcut != null) ? shortcut.strip().toLowerCase(Locale.ROOT) : "";
		if (name.startsWith("/")) {
			name = name.substring(1);
		}
		if (name.isEmpty()) {
			throw new InvalidQuickReplyException("shortcut", "Give it a shortcut to type after /, such as price.");
		}
		if (!SHORTCUT.matcher(name).matches()) {
			throw new InvalidQuickReplyException("shortcut",
					"A shortcut has 1 to 40 letters, digits or dashes, such as price or on-my-way.");
		}
		return name;
	}

	private static String checkBody(String body) {
		String text = (body != null) ? body.strip() : "";
		if (text.isEmpty()) {
			throw new InvalidQuickReplyException("body", "Write the text of the reply.");
		}
		if (ControlCharacters.in(text)) {
			throw new InvalidQuickReplyException("body", "The text holds a control character no typed text has.");
		}
		if (text.length() > OutboundMessages.MAX_BODY) {
			throw new InvalidQuickReplyException("body", "A text can have at most 1,600 characters; this one has "
					+ String.format(Locale.US, "%,d", text.length()) + ".");
		}
		Set<String> unknown = MessageTemplates.unknownFields(text, MessageTemplates.LEAD_FIELDS);
		if (!unknown.isEmpty()) {
			throw new InvalidQuickReplyException("body", MessageTemplates.unknownFieldsProblem(unknown));
		}
		return text;
	}

}
