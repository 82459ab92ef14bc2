package com.leadresponse.sms;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The built-in SMS simulator, used when no Twilio credentials are configured (SPEC 2):
 * every message is accepted at once with a Twilio-shaped SID, so the product can be tried
 * end to end.
 */
class SimulatorSmsGateway implements SmsGateway {

	static final String SENDER = "Simulator";

	private final Map<String, String> acceptedByBody = new ConcurrentHashMap<>();

	@Override
	public SendOutcome send(OutboundSms sms) {
		byte[] random = new byte[16];
		ThreadLocalRandom.current().nextBytes(random);
		String sid = "SM" + HexFormat.of().formatHex(random);
		this.acceptedByBody.put(sms.to() + "\n" + sms.body(), sid);
		return new SendOutcome.Accepted(sid);
	}

	@Override
	public List<ProviderMessage> findAccepted(OutboundSms sms, Instant notBefore) {
		String sid = this.acceptedByBody.get(sms.to() + "\n" + sms.body());
		return (sid != null) ? List.of(new ProviderMessage(sid, "delivered", null)) : List.of();
	}

	@Override
	public String sender() {
		return SENDER;
	}

	@Override
	public boolean simulated() {
		return true;
	}

}
