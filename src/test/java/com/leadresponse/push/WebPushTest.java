package com.leadresponse.push;

import java.time.Duration;
import java.util.UUID;

import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.PushServiceStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Web Push to staff (SPEC 6): a browser subscribes with the service's VAPID key; every
 * new lead and every reply reaches it through a local push service that checks what a
 * real one checks, and the payload, decrypted with the browser's keys, says who and what.
 */
class WebPushTest extends IntegrationTest {

	private static final PushServiceStandIn pushService = PushServiceStandIn.start();

	private PushServiceStandIn.BrowserKeys browser;

	@AfterAll
	static void stopPushService() {
		pushService.close();
	}

	@BeforeEach
	void subscribeABrowser() {
		pushService.reset();
		this.browser = PushServiceStandIn.browserKeys();
		Http.Answer subscribed = this.http.postJson("/api/push/subscriptions",
				"{\"endpoint\":\"" + pushService.endpoint("office-phone") + "\",\"keys\":{\"p256dh\":\""
						+ this.browser.p256dh() + "\",\"auth\":\"" + this.browser.authSecret() + "\"}}",
				"Authorization", staffAuth());
		assertThat(subscribed.status()).isEqualTo(201);
	}

	@Test
	void newLeadIsPushedSignedWithTheServicesVapidKeyAndEncryptedForTheBrowser() {
		String serviceKey = this.http.get("/api/push/key", "Authorization", staffAuth()).body();

		UUID leadId = createLead("Maria Lopez", "+15125550134");

		PushServiceStandIn.Received push = awaitPushes(1).get(0);
		assertThat(pushService.violations()).isEmpty();
		assertThat(push.vapidKey()).isEqualTo(serviceKey);
		assertThat(push.ttl()).isPositive();
		JsonNode payload = Http.JSON.readTree(PushServiceStandIn.decrypt(push.body(), this.browser));
		assertThat(payload.get("title").asString()).isEqualTo("New lead: Maria Lopez");
		assertThat(payload.get("url").asString()).isEqualTo("/leads/" + leadId);
	}

	@Test
	void replyIsPushedWithWhatTheLeadWrote() {
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitPushes(1);
		awaitPipelineIdle();

		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "e".repeat(32), "+15125550134", "Yes please"));

		PushServiceStandIn.Received push = awaitPushes(2).get(1);
		JsonNode payload = Http.JSON.readTree(PushServiceStandIn.decrypt(push.body(), this.browser));
		assertThat(payload.get("title").asString()).isEqualTo("Maria Lopez replied");
		assertThat(payload.get("body").asString()).isEqualTo("Yes please");
		assertThat(payload.get("url").asString()).isEqualTo("/leads/" + leadId);
	}

	@Test
	void subscriptionThePushServiceNoLongerKnowsIsRemoved() {
		pushService.answerWith(410);

		createLead("Maria Lopez", "+15125550134");

		await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM push_subscriptions") == 0);
	}

	@Test
	void vapidKeysAreMadeOnceAndKeptAcrossInstances() {
		String first = this.http.get("/api/push/key", "Authorization", staffAuth()).body();

		String second = secondInstance().http().get("/api/push/key", "Authorization", staffAuth()).body();

		assertThat(first).matches("[A-Za-z0-9_-]{87}").isEqualTo(second);
		assertThat(count("SELECT count(*) FROM push_keys")).isEqualTo(1);
	}

	private java.util.List<PushServiceStandIn.Received> awaitPushes(int n) {
		await().atMost(Duration.ofSeconds(15)).until(() -> pushService.accepted().size() >= n);
		return pushService.accepted();
	}

}
