package com.leadresponse.calls;

import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.leadresponse.sms.ProviderCalls;

import org.springframework.stereotype.Service;

/**
 * Simulator mode's phone calls (SPEC 2, 8), so the feature can be tried without Twilio: a
 * call from a number that is missed, answered, or missed with a voicemail, made through
 * the voice webhooks' own code with the parameters Twilio would send, each step in its
 * own transaction as each webhook is. It follows what the service answered, as Twilio
 * does: a call that goes straight to voicemail never rings a staff phone.
 */
@Service
public class CallSimulator {

	/** What the simulated caller meets. */
	public enum Outcome {

		/** Nobody answers; the caller hangs up without a message. */
		MISSED,
		/** A staff phone answers and they talk for three minutes. */
		ANSWERED,
		/** Nobody answers; the caller leaves a 42-second voicemail. */
		VOICEMAIL

	}

	/** The simulated call as stored: its id, its lead, its status, its voicemail. */
	public record SimulatedCall(UUID callId, UUID leadId, CallStatus status, boolean voicemail) {
	}

	/** The account the simulator's parameters name; no account exists in this mode. */
	static final String ACCOUNT_SID = "AC" + "0".repeat(32);

	static final String TALK_SECONDS = "180";

	static final String VOICEMAIL_SECONDS = "42";

	private final IncomingCalls incoming;

	private final CallRepository calls;

	private final ProviderCalls provider;

	private final Clock clock;

	CallSimulator(IncomingCalls incoming, CallRepository calls, ProviderCalls provider, Clock clock) {
		this.incoming = incoming;
		this.calls = calls;
		this.provider = provider;
		this.clock = clock;
	}

	/** Whether calls can be simulated: only in simulator mode. */
	public boolean available() {
		return this.provider.simulated();
	}

	/**
	 * A call from {@code fromPhone} to the business.
	 * @throws CallSimulationException outside simulator mode, or for an answered call
	 * when no staff phone would ring
	 */
	public SimulatedCall simulate(String fromPhone, Outcome outcome) {
		if (!available()) {
			throw CallSimulationException.notInSimulatorMode();
		}
		if (outcome == Outcome.ANSWERED && !this.incoming.ringsStaff(this.clock.instant())) {
			throw CallSimulationException.nobodyToRing();
		}
		String callSid = sid("CA");
		Map<String, String> call = new LinkedHashMap<>();
		call.put("CallSid", callSid);
		call.put("AccountSid", ACCOUNT_SID);
		call.put("From", fromPhone);
		call.put("To", this.provider.sender());
		call.put("CallStatus", "ringing");
		call.put("Direction", "inbound");
		call.put("ApiVersion", "2010-04-01");
		VoiceAnswer answer = this.incoming.arrived(call);
		if (answer instanceof VoiceAnswer.Ring) {
			Map<String, String> dial = new LinkedHashMap<>(call);
			dial.put("DialCallSid", sid("CA"));
			dial.put("DialCallStatus", (outcome == Outcome.ANSWERED) ? "completed" : "no-answer");
			if (outcome == Outcome.ANSWERED) {
				dial.put("DialCallDuration", TALK_SECONDS);
			}
			answer = this.incoming.dialEnded(dial);
		}
		if (outcome == Outcome.VOICEMAIL && answer instanceof VoiceAnswer.TakeVoicemail) {
			String recordingSid = sid("RE");
			Map<String, String> recording = new LinkedHashMap<>();
			recording.put("AccountSid", ACCOUNT_SID);
			recording.put("CallSid", callSid);
			recording.put("RecordingSid", recordingSid);
			recording.put("RecordingUrl",
					"https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID + "/Recordings/" + recordingSid);
			recording.put("RecordingStatus", "completed");
			recording.put("RecordingDuration", VOICEMAIL_SECONDS);
			recording.put("RecordingChannels", "1");
			recording.put("RecordingSource", "RecordVerb");
			this.incoming.voicemailRecorded(recording);
		}
		Call stored = this.calls.findBySid(callSid).orElseThrow();
		return new SimulatedCall(stored.id(), stored.leadId(), stored.status(), stored.hasVoicemail());
	}

	private static String sid(String prefix) {
		byte[] random = new byte[16];
		ThreadLocalRandom.current().nextBytes(random);
		return prefix + HexFormat.of().formatHex(random);
	}

}
