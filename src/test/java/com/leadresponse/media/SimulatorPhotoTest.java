package com.leadresponse.media;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.leadresponse.support.SimulatorIntegrationTest;
import com.leadresponse.webhook.InboundMessageHandler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator can reply with a photo (SPEC 10): a simulated inbound MMS goes through
 * the inbound webhook's own path and its photo is stored as Twilio's would be.
 */
class SimulatorPhotoTest extends SimulatorIntegrationTest {

	@Autowired
	private InboundMessageHandler inbound;

	@Test
	void aSimulatedReplyWithAPhotoStoresThePhoto() throws Exception {
		createLead("Maria Lopez", "+15125550134");
		Map<String, String> params = new LinkedHashMap<>(
				inboundSms("SM" + "5".repeat(32), "+15125550134", "Here is my driveway"));
		params.putAll(SimulatorPhoto.webhookParameters());

		this.inbound.handle(params);

		await().atMost(Duration.ofSeconds(15))
			.until(() -> count("SELECT count(*) FROM message_media WHERE status = 'stored'") == 1);
		byte[] stored = (byte[]) this.jdbc.sql("SELECT content FROM message_media").query().singleRow().get("content");
		try (var expected = SimulatorPhoto.class.getResourceAsStream("/simulator/driveway.png")) {
			assertThat(stored).isEqualTo(expected.readAllBytes());
		}
		assertThat(this.jdbc.sql("SELECT content_type FROM message_media").query(String.class).single())
			.isEqualTo("image/png");
	}

}
