package com.leadresponse.calls;

import java.util.List;
import java.util.UUID;

import com.leadresponse.lead.LeadCalls;

import org.springframework.stereotype.Component;

/**
 * A lead's calls for its JSON (SPEC 3 {@code calls}): each with its outcome, its
 * voicemail at this service's own address and its missed-call text.
 */
@Component
class CallHistory implements LeadCalls {

	private final CallRepository calls;

	CallHistory(CallRepository calls) {
		this.calls = calls;
	}

	@Override
	public List<CallView> of(UUID leadId) {
		return this.calls.forLead(leadId).stream().map(CallHistory::view).toList();
	}

	private static CallView view(Call call) {
		VoicemailView voicemail = call.hasVoicemail()
				? new VoicemailView(call.recordingDurationSeconds(), Voicemails.path(call.id())) : null;
		MissedTextView missedText = (call.missedTextStatus() != null) ? new MissedTextView(call.missedTextStatus(),
				call.missedTextDueAt(), call.missedTextMessageId(), call.missedTextReason()) : null;
		return new CallView(call.id(), call.callSid(), call.fromPhone(), call.toPhone(), call.status().dbValue(),
				call.dialStatus(), call.startedAt(), call.endedAt(), call.durationSeconds(), voicemail, missedText);
	}

}
