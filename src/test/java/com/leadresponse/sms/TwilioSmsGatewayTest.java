package com.leadresponse.sms;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;

import com.leadresponse.support.TwilioStandIn;
import com.leadresponse.system.AppProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the Twilio gateway reads a failure to reach Twilio at all: the message surely did
 * not arrive, so the dispatcher may post it again (SPEC 5.9).
 */
class TwilioSmsGatewayTest {

	@Test
	void refusedConnectionIsNotAcceptedSoTheSendMayBeRetried() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		TwilioSmsGateway gateway = new TwilioSmsGateway(
				new TwilioProperties(TwilioStandIn.ACCOUNT_SID, TwilioStandIn.AUTH_TOKEN, TwilioStandIn.FROM, null,
						URI.create("http://127.0.0.1:" + closedPort)),
				new AppProperties(URI.create("https://leads.example.com")));

		SmsGateway.SendOutcome outcome = gateway.send(new SmsGateway.OutboundSms("+15125550134", "Hi"));

		assertThat(outcome).isInstanceOf(SmsGateway.SendOutcome.NotAccepted.class);
		assertThat(((SmsGateway.SendOutcome.NotAccepted) outcome).code()).isEqualTo("connection");
	}

}
