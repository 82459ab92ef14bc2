package com.leadresponse.outboundwebhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.leadresponse.periodic.PassReport;
import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffRole;
import com.leadresponse.support.Concurrently;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.SecondInstance;
import com.leadresponse.support.StaffSession;
import com.leadresponse.support.WebhookReceiverStandIn;
import com.leadresponse.support.WebhookReceiverStandIn.Received;
import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outbound webhooks (SPEC 11) against a local receiver: each event is signed as the
 * Standard Webhooks specification says and verifies with the endpoint's secret; a failed
 * delivery is retried after its backoff with the same webhook-id; a lead's events arrive
 * in order, also from two instances; an endpoint that keeps failing is disabled and the
 * staff alerted; Resend sends the same event again; a receiver that never answers holds
 * back no other endpoint.
 */
class OutboundWebhookTest extends IntegrationTest {

	private static final String ENDPOINTS = "/api/webhook-endpoints";

	private static final String OFFICE = "+15125550901";

	@Autowired
	StaffAccounts staff;

	@Autowired
	WebhookDeliveries deliveries;

	private static final WebhookReceiverStandIn receiver = WebhookReceiverStandIn.start();

	private static final WebhookReceiverStandIn otherReceiver = WebhookReceiverStandIn.start();

	@AfterAll
	static void stopReceivers() {
		receiver.close();
		otherReceiver.close();
	}

	@BeforeEach
	void resetReceivers() {
		receiver.reset();
		otherReceiver.reset();
	}

	@Test
	void registeringAnEndpointAnswersItsSecretOnceAndListsItWithout() {
		Http.Answer created = register(receiver.url("/hooks"), "lead.created", "call.missed");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo(ENDPOINTS + "/" + created.json().get("id").asString());
		String secret = created.json().get("secret").asString();
		assertThat(secret).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSizeGreaterThanOrEqualTo(24);
		Http.Answer list = this.http.get(ENDPOINTS, "Authorization", staffAuth());
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.body()).doesNotContain(secret).doesNotContain("secret");
		assertThat(list.json().get(0).get("url").asString()).isEqualTo(receiver.url("/hooks"));
		assertThat(list.json().get(0).get("events").toString()).isEqualTo("[\"lead.created\",\"call.missed\"]");

		Http.Answer deleted = this.http.send(this.http.request(ENDPOINTS + "/" + created.json().get("id").asString())
			.header("Authorization", staffAuth())
			.DELETE());
		assertThat(deleted.status()).isEqualTo(204);
		assertThat(count("SELECT count(*) FROM webhook_endpoints")).isZero();
	}

	@Test
	void badEndpointsAreRefusedNamingTheProblemAndNothingIsStored() {
		assertRefused("{\"url\": \"ftp://crm.example.com/hooks\", \"events\": [\"lead.created\"]}", "url",
				"http:// or https://");
		assertRefused("{\"url\": \"https://leads.example.com/api/hooks\", \"events\": [\"lead.created\"]}", "url",
				"APP_PUBLIC_URL");
		assertRefused("{\"url\": \"HTTPS://Leads.Example.com:443/\", \"events\": [\"lead.created\"]}", "url",
				"APP_PUBLIC_URL");
		assertRefused("{\"url\": \"https://user:pw@crm.example.com/\", \"events\": [\"lead.created\"]}", "url",
				"password");
		assertRefused("{\"url\": \"not a url\", \"events\": [\"lead.created\"]}", "url", "valid URL");
		assertRefused("{\"url\": \"https://crm.example.com/\", \"events\": [\"lead.deleted\"]}", "events",
				"lead.deleted");
		assertRefused("{\"url\": \"https://crm.example.com/\", \"events\": []}", "events", "at least one");
		assertRefused("{\"url\": \"https://crm.example.com/\", \"events\": \"lead.created\"}", "events", "");
		assertRefused("{\"url\": 42, \"events\": [\"lead.created\"]}", "url", "");
		Http.Answer malformed = this.http.postJson(ENDPOINTS, "{\"url\": ", "Authorization", staffAuth());
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(count("SELECT count(*) FROM webhook_endpoints")).isZero();
	}

	@Test
	void endpointsOnTheOwnNetworkAndOtherPortsOfTheOwnHostAreAllowed() {
		assertThat(register("http://192.168.1.20:8080/hooks", "lead.created").status()).isEqualTo(201);
		assertThat(register("https://leads.example.com:8443/hooks", "lead.created").status()).isEqualTo(201);
		assertThat(register("http://crm.internal/hooks", "lead.created").status()).isEqualTo(201);
	}

	@Test
	void agentsCannotManageEndpoints() {
		this.staff.create("agent@example.com", "Agent Smith", "agent-password-1", StaffRole.AGENT);
		Http.Answer answer = this.http.postJson(ENDPOINTS,
				"{\"url\": \"https://crm.example.com/\", \"events\": [\"lead.created\"]}", "Authorization",
				Http.basic("agent@example.com", "agent-password-1"));
		assertThat(answer.status()).isEqualTo(403);
		assertThat(count("SELECT count(*) FROM webhook_endpoints")).isZero();
	}

	@Test
	void aDeliveryVerifiesWithTheEndpointsSecret() throws Exception {
		// The library's verify checks the timestamp against the real time: run at it.
		this.clock.set(Instant.now());
		String secret = register(receiver.url("/hooks"), "lead.created").json().get("secret").asString();
		UUID leadId = createLead("Maria Lopez", "+15125550134");

		Received delivery = deliverAndAwait(receiver, 1).get(0);

		new Webhook(secret).verify(delivery.body(), delivery.headers());
		assertThat(delivery.header("webhook-signature")).isEqualTo(independentSignature(secret,
				delivery.header("webhook-id"), delivery.header("webhook-timestamp"), delivery.body()));
		assertThat(delivery.header("content-type")).startsWith("application/json");
		JsonNode body = Http.JSON.readTree(delivery.body());
		assertThat(body.get("type").asString()).isEqualTo("lead.created");
		assertThat(body.get("data").get("lead").get("id").asString()).isEqualTo(leadId.toString());
		assertThat(body.get("data").get("lead").get("phone").asString()).isEqualTo("+15125550134");
		assertThat(body.get("data").get("lead").get("name").asString()).isEqualTo("Maria Lopez");
		assertThat(body.get("timestamp").asString()).isNotBlank();
	}

	@Test
	void aDeliveryAnswered500IsRetriedAfterItsBackoffWithTheSameWebhookId() {
		String secret = register(receiver.url("/hooks"), "lead.created").json().get("secret").asString();
		receiver.answer(500);
		createLead("Maria Lopez", "+15125550134");

		deliverAndAwait(receiver, 1);
		awaitDeliveryStatus("pending");
		deliveryPass();
		assertThat(deliveryRow()).containsEntry("attempts", 1).containsEntry("response_code", 500);

		this.clock.advance(Duration.ofSeconds(30));
		List<Received> attempts = deliverAndAwait(receiver, 2);
		awaitDeliveryStatus("delivered");

		assertThat(attempts.get(1).header("webhook-id")).isEqualTo(attempts.get(0).header("webhook-id"));
		assertThat(attempts.get(1).body()).isEqualTo(attempts.get(0).body());
		for (Received attempt : attempts) {
			assertThat(attempt.header("webhook-signature")).isEqualTo(independentSignature(secret,
					attempt.header("webhook-id"), attempt.header("webhook-timestamp"), attempt.body()));
		}
		assertThat(deliveryRow()).containsEntry("attempts", 2).containsEntry("response_code", 200);
	}

	@Test
	void aLeadsLaterEventWaitsWhileAnEarlierOneIsFailing() {
		register(receiver.url("/hooks"), "lead.created", "lead.status_changed");
		receiver.answer(503);
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		this.http.postJson("/api/leads/" + leadId + "/status", "{\"status\": \"won\"}", "Authorization", staffAuth());

		deliverAndAwait(receiver, 1);
		awaitDeliveryStatus("pending");
		deliveryPass();
		assertThat(receiver.received()).hasSize(1);

		this.clock.advance(Duration.ofMinutes(1));
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			deliveryPass();
			return count("SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered'") == 0;
		});
		List<String> order = receiver.received().stream().map((r) -> typeAndStatus(r.body())).toList();
		assertThat(order).containsExactly("lead.created", "lead.created", "lead.status_changed:contacted",
				"lead.status_changed:won");
	}

	@Test
	void anEndpointFailingForFiveDaysIsDisabledAndTheStaffAlerted() {
		this.jdbc.sql("UPDATE settings SET alert_phones = :phone").param("phone", OFFICE).update();
		String id = register(receiver.url("/hooks"), "lead.created").json().get("id").asString();
		receiver.answer(500, 500, 500);
		createLead("Maria Lopez", "+15125550134");
		deliverAndAwait(receiver, 1);
		awaitDeliveryStatus("pending");

		this.clock.advance(Duration.ofDays(4));
		deliverAndAwait(receiver, 2);
		awaitDeliveryStatus("pending");
		assertThat(endpoint(id).get("enabled").asBoolean()).isTrue();

		this.clock.advance(Duration.ofDays(1));
		deliverAndAwait(receiver, 3);
		await().atMost(Duration.ofSeconds(10)).until(() -> !endpoint(id).get("enabled").asBoolean());

		assertThat(endpoint(id).get("disabledReason").asString()).contains("5 days").contains("HTTP 500");
		assertThat(this.jdbc.sql("SELECT recipient FROM staff_alerts WHERE event = 'webhook_disabled'")
			.query(String.class)
			.list()).containsExactly(OFFICE);
		runDueBackgroundTasks();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> twilio.receivedFor(OFFICE)
				.stream()
				.anyMatch((text) -> text.body().startsWith("Webhook endpoint disabled: " + receiver.url("/hooks"))));

		// Disabled: nothing is tried, and new events are not written for it.
		this.clock.advance(Duration.ofDays(1));
		deliveryPass();
		createLead("Dana Smith", "+15125550135");
		assertThat(count("SELECT count(*) FROM webhook_deliveries")).isEqualTo(1);

		// Enabled again: its waiting event goes out.
		assertThat(this.http.postJson(ENDPOINTS + "/" + id + "/enable", "{}", "Authorization", staffAuth()).status())
			.isEqualTo(200);
		deliverAndAwait(receiver, 4);
		awaitDeliveryStatus("delivered");
	}

	@Test
	void resendSendsTheSameEventAgainWithTheSameWebhookId() {
		String id = register(receiver.url("/hooks"), "lead.created").json().get("id").asString();
		createLead("Maria Lopez", "+15125550134");
		deliverAndAwait(receiver, 1);
		awaitDeliveryStatus("delivered");
		String deliveryId = this.http.get(ENDPOINTS + "/" + id + "/deliveries", "Authorization", staffAuth())
			.json()
			.get(0)
			.get("id")
			.asString();

		Http.Answer resent = this.http.postJson(ENDPOINTS + "/" + id + "/deliveries/" + deliveryId + "/resend", "{}",
				"Authorization", staffAuth());

		assertThat(resent.status()).isEqualTo(202);
		List<Received> both = deliverAndAwait(receiver, 2);
		assertThat(both.get(1).header("webhook-id")).isEqualTo(both.get(0).header("webhook-id"));
		assertThat(both.get(1).body()).isEqualTo(both.get(0).body());
		awaitDeliveryStatus("delivered");
		assertThat(deliveryRow()).containsEntry("attempts", 2);
	}

	@Test
	void eachEventIsRaisedWhereItHappens() {
		this.jdbc.sql("UPDATE settings SET staff_phones = :phone").param("phone", OFFICE).update();
		register(receiver.url("/hooks"), WebhookEventType.wireNames().toArray(String[]::new));
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "1".repeat(32), "+15125550134", "Yes please"));
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "2".repeat(32), "+15125550134", "STOP"));
		postSignedWebhook("/api/webhooks/twilio/voice", incomingCall("CA" + "3".repeat(32), "+15125550134"));
		postSignedWebhook("/api/webhooks/twilio/voice/dial-status",
				dialStatus("CA" + "3".repeat(32), "+15125550134", "no-answer", null));
		this.http.postJson("/api/leads/" + leadId + "/status", "{\"status\": \"lost\", \"reason\": \"Too far\"}",
				"Authorization", staffAuth());

		List<Received> events = deliverAll();

		assertThat(events.stream().map((r) -> typeAndStatus(r.body())).toList()).containsExactly("lead.created",
				"lead.status_changed:contacted", "message.received", "lead.replied", "lead.status_changed:replied",
				"message.received", "call.missed", "lead.status_changed:lost");
		JsonNode reply = Http.JSON.readTree(events.get(3).body()).get("data");
		assertThat(reply.get("message").get("body").asString()).isEqualTo("Yes please");
		JsonNode stop = Http.JSON.readTree(events.get(5).body()).get("data");
		assertThat(stop.get("message").get("keyword").asString()).isEqualTo("opt_out");
		JsonNode call = Http.JSON.readTree(events.get(6).body()).get("data");
		assertThat(call.get("call").get("from").asString()).isEqualTo("+15125550134");
		assertThat(call.get("lead").get("id").asString()).isEqualTo(leadId.toString());
		JsonNode lost = Http.JSON.readTree(events.get(7).body()).get("data");
		assertThat(lost.get("previousStatus").asString()).isEqualTo("replied");
		assertThat(lost.get("reason").asString()).isEqualTo("Too far");
		assertThat(events.stream().map((r) -> r.header("webhook-id")).distinct()).hasSize(events.size());
	}

	@Test
	void aRepeatedInboundWebhookRaisesItsEventsOnce() {
		register(receiver.url("/hooks"), "message.received");
		Map<String, String> sms = inboundSms("SM" + "4".repeat(32), "+15125550134", "Hello");
		List<Integer> answers = Concurrently.run(4, (i) -> postSignedWebhook("/api/webhooks/twilio", sms).status());
		assertThat(answers).containsOnly(200);

		assertThat(deliverAll()).singleElement()
			.satisfies((r) -> assertThat(typeAndStatus(r.body())).isEqualTo("message.received"));
	}

	@Test
	void aReceiverThatNeverAnswersHoldsBackNoOtherEndpoint() {
		register(receiver.url("/hooks"), "lead.created");
		register(otherReceiver.url("/hooks"), "lead.created");
		receiver.hang();
		createLead("Maria Lopez", "+15125550134");
		try {
			deliveryPass();
			await().atMost(Duration.ofSeconds(10)).until(() -> otherReceiver.received().size() == 1);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> count("SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'") == 1);
			assertThat(receiver.received()).hasSize(1);
			assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE status = 'sending'")).isEqualTo(1);
		}
		finally {
			receiver.release();
		}
	}

	@Test
	void twoInstancesDeliverEveryEventInOrderPerLead() {
		SecondInstance second = secondInstance();
		register(receiver.url("/hooks"), "lead.created", "lead.status_changed");
		List<UUID> leads = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			leads.add(createLead("Lead " + i, "+1512555020" + i));
		}
		awaitPipelineIdle();
		for (UUID lead : leads) {
			for (String status : List.of("won", "contacted", "lost", "contacted")) {
				this.http.postJson("/api/leads/" + lead + "/status", "{\"status\": \"" + status + "\"}",
						"Authorization", staffAuth());
			}
		}
		WebhookDeliveries[] passes = { this.deliveries, second.bean(WebhookDeliveries.class) };

		await().atMost(Duration.ofSeconds(30)).until(() -> {
			Concurrently.run(2, (i) -> {
				passes[i].run(new PassReport());
				return true;
			});
			return count("SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered'") == 0;
		});

		Map<String, List<String>> expected = new LinkedHashMap<>();
		this.jdbc.sql("SELECT lead_id, id FROM webhook_events ORDER BY lead_id, lead_seq")
			.query((rs, row) -> expected.computeIfAbsent(rs.getString("lead_id"), (k) -> new ArrayList<>())
				.add(rs.getString("id")))
			.list();
		Map<String, List<String>> firstSeen = new LinkedHashMap<>();
		for (Received r : receiver.received()) {
			String lead = Http.JSON.readTree(r.body()).get("data").get("lead").get("id").asString();
			List<String> seen = firstSeen.computeIfAbsent(lead, (k) -> new ArrayList<>());
			if (!seen.contains(r.header("webhook-id"))) {
				seen.add(r.header("webhook-id"));
			}
		}
		assertThat(expected).hasSize(6);
		expected.values().forEach((events) -> assertThat(events).hasSize(6));
		assertThat(firstSeen).isEqualTo(expected);
	}

	@Test
	void theWebhooksPageShowsTheSecretOnceResendsAndRefusesALoop() {
		StaffSession session = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);

		Http.Answer loop = session.post("/settings/webhooks",
				Map.of("url", PUBLIC_URL + "/api/leads", "events", "lead.created"));
		assertThat(loop.body()).contains("Not added: the url is under this service&#39;s own APP_PUBLIC_URL");
		assertThat(count("SELECT count(*) FROM webhook_endpoints")).isZero();

		Http.Answer added = session.post("/settings/webhooks",
				Map.of("url", receiver.url("/hooks"), "events", "lead.created"));
		String secret = this.jdbc.sql("SELECT secret FROM webhook_endpoints").query(String.class).single();
		assertThat(added.body()).contains(secret);
		assertThat(session.get("/settings/webhooks").body()).doesNotContain(secret).contains(receiver.url("/hooks"));

		createLead("Maria Lopez", "+15125550134");
		deliverAndAwait(receiver, 1);
		awaitDeliveryStatus("delivered");
		String endpointId = this.jdbc.sql("SELECT id FROM webhook_endpoints").query(String.class).single();
		String deliveryId = this.jdbc.sql("SELECT id FROM webhook_deliveries").query(String.class).single();
		assertThat(session.get("/settings/webhooks").body()).contains("delivered").contains(">200<");

		session.post("/settings/webhooks/" + endpointId + "/deliveries/" + deliveryId + "/resend", Map.of());
		assertThat(deliverAndAwait(receiver, 2).get(1).header("webhook-id"))
			.isEqualTo(receiver.received().get(0).header("webhook-id"));
	}

	/** The delivery task of the periodic pass, as the pass runs it every few seconds. */
	private void deliveryPass() {
		this.deliveries.run(new PassReport());
	}

	private Http.Answer register(String url, String... events) {
		StringBuilder json = new StringBuilder("{\"url\": \"").append(url).append("\", \"events\": [");
		for (int i = 0; i < events.length; i++) {
			json.append((i > 0) ? ", " : "").append('"').append(events[i]).append('"');
		}
		return this.http.postJson(ENDPOINTS, json.append("]}").toString(), "Authorization", staffAuth());
	}

	private void assertRefused(String json, String field, String text) {
		Http.Answer answer = this.http.postJson(ENDPOINTS, json, "Authorization", staffAuth());
		assertThat(answer.status()).as(json).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().get("errors").get(0).get("field").asString()).as(json).isEqualTo(field);
		assertThat(answer.json().get("detail").asString()).as(json).contains(text);
	}

	/** Runs the delivery pass until the receiver has this many requests. */
	private List<Received> deliverAndAwait(WebhookReceiverStandIn to, int requests) {
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			if (to.received().size() < requests) {
				deliveryPass();
			}
			return to.received().size() >= requests;
		});
		return to.received();
	}

	/** Runs the delivery pass until nothing is left to deliver. */
	private List<Received> deliverAll() {
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			deliveryPass();
			return count("SELECT count(*) FROM webhook_deliveries WHERE status <> 'delivered'") == 0;
		});
		return receiver.received();
	}

	private void awaitDeliveryStatus(String status) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> status.equals(this.jdbc.sql("SELECT status FROM webhook_deliveries")
				.query(String.class)
				.list()
				.stream()
				.findFirst()
				.orElse(null)));
	}

	private Map<String, Object> deliveryRow() {
		return this.jdbc.sql("SELECT status, attempts, response_code FROM webhook_deliveries").query().singleRow();
	}

	private JsonNode endpoint(String id) {
		return this.http.get(ENDPOINTS + "/" + id, "Authorization", staffAuth()).json();
	}

	private static String typeAndStatus(String body) {
		JsonNode json = Http.JSON.readTree(body);
		String type = json.get("type").asString();
		return "lead.status_changed".equals(type) ? type + ":" + json.get("data").get("status").asString() : type;
	}

	/**
	 * The signature as the specification defines it, computed here with the JDK alone:
	 * {@code v1,} + base64(HMAC-SHA256(base64-decoded secret, id.timestamp.body)).
	 */
	static String independentSignature(String secret, String id, String timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			return "v1," + Base64.getEncoder()
				.encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
