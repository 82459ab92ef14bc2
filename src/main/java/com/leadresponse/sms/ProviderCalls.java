package com.leadresponse.sms;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.leadresponse.jobs.Backoff;
import com.leadresponse.sms.SmsGateway.OutboundSms;
import com.leadresponse.sms.SmsGateway.ProviderMessage;
import com.leadresponse.sms.SmsGateway.SendOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The provider call of every text the product sends (to leads and to staff): one post,
 * never retried by itself, whose outcome says what may be retried (SPEC 5.9); the lookup
 * that settles a send whose outcome was uncertain; and the retry policy.
 */
@Component
public class ProviderCalls {

	private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);

	private final SmsGateway gateway;

	private final SendingProperties properties;

	ProviderCalls(SmsGateway gateway, SendingProperties properties) {
		this.gateway = gateway;
		this.properties = properties;
	}

	/** Posts one text once; a failure of the call itself is an uncertain outcome. */
	public SendOutcome send(String to, String body) {
		return send(to, body, List.of());
	}

	/** Posts one text, with the links of its media (an MMS), once. */
	public SendOutcome send(String to, String body, List<URI> mediaUrls) {
		try {
			return this.gateway.send(new OutboundSms(to, body, mediaUrls));
		}
		catch (RuntimeException ex) {
			log.error("Unexpected error calling the SMS provider", ex);
			return new SendOutcome.Ambiguous("error", ex.getClass().getSimpleName());
		}
	}

	/**
	 * The provider's record of a text left uncertain: the newest text with this recipient
	 * and body accepted since shortly before {@code createdAt} whose SID is not already
	 * known (an earlier, identical text owns that one).
	 * @throws RuntimeException when the provider cannot be asked
	 */
	public Optional<ProviderMessage> findUnrecorded(String to, String body, Instant createdAt,
			Predicate<String> sidKnown) {
		return this.gateway.findAccepted(new OutboundSms(to, body), createdAt.minusSeconds(60))
			.stream()
			.filter((candidate) -> !sidKnown.test(candidate.sid()))
			.findFirst();
	}

	/** The retry policy of failures the provider surely did not accept. */
	public Backoff backoff() {
		return this.properties.backoff();
	}

	/** How long a send stays uncertain before it is looked up. */
	public java.time.Duration reconcileAfter() {
		return this.properties.reconcileAfter();
	}

	/** The sender as staff see it: a phone number or a Messaging Service SID. */
	public String sender() {
		return this.gateway.sender();
	}

	/** Whether texts go to the built-in simulator instead of Twilio. */
	public boolean simulated() {
		return this.gateway.simulated();
	}

}
