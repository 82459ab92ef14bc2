package com.leadresponse.inbox;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.leadresponse.settings.StaffAccounts;
import com.leadresponse.settings.StaffRole;
import com.leadresponse.support.Http;
import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import com.leadresponse.support.TwilioStandIn;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff pages over plain HTTP with a real login session: who may open what, CSRF,
 * escaping, the inbox order and search, polling, and the lead page's messages in words.
 */
class StaffPagesTest extends IntegrationTest {

	static final String AGENT_PASSWORD = "agent-password-1";

	@Autowired
	StaffAccounts accounts;

	@Test
	void pagesSendStrangersToTheLoginForm() {
		Http.Answer inbox = StaffSession.anonymous(this.port).get("/");

		assertThat(inbox.status()).isEqualTo(302);
		assertThat(inbox.header("Location")).endsWith("/login");
	}

	@Test
	void wrongPasswordIsRefusedAtLogin() {
		Http.Answer login = StaffSession.anonymous(this.port).tryLogin(ADMIN_EMAIL, "not-the-password");

		assertThat(login.status()).isEqualTo(302);
		assertThat(login.header("Location")).endsWith("/login?error");
	}

	@Test
	void pageFormWithoutCsrfTokenIsRefusedAndStoresNothing() {
		StaffSession admin = admin();

		Http.Answer forged = admin.postWithoutCsrf("/leads", Map.of("name", "Forged Lead", "phone", "+15125550177"));

		assertThat(forged.status()).isEqualTo(403);
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void htmxPollAfterTheSessionEndedSendsTheWholePageToLogin() {
		Http.Answer poll = StaffSession.anonymous(this.port).get("/inbox/list", "HX-Request", "true");

		assertThat(poll.status()).isEqualTo(401);
		assertThat(poll.header("HX-Redirect")).isEqualTo("/login");
	}

	@Test
	void pagesForbidScriptsFromAnywhereButThisService() {
		Http.Answer inbox = admin().get("/");

		assertThat(inbox.header("Content-Security-Policy")).contains("script-src 'self'").contains("object-src 'none'");
	}

	@Test
	void agentGetsForbiddenPageForSettings() {
		StaffSession agent = agent("agent-settings@example.com");

		for (String path : new String[] { "/settings", "/settings/sequence", "/settings/users",
				"/settings/api-keys" }) {
			Http.Answer page = agent.get(path);
			assertThat(page.status()).as(path).isEqualTo(403);
			assertThat(page.body()).as(path).contains("Not allowed").contains("Back to the inbox");
		}
	}

	@Test
	void agentMayOpenTheDashboard() {
		Http.Answer dashboard = agent("agent-dashboard@example.com").get("/dashboard");

		assertThat(dashboard.status()).isEqualTo(200);
		assertThat(dashboard.body()).contains("Speed to lead, median");
	}

	@Test
	void agentForgingABypassIsRefusedAndNothingIsQueued() {
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		this.clock.advance(Duration.ofMinutes(5));
		StaffSession agent = agent("agent-bypass@example.com");

		assertThat(agent.get("/leads/" + leadId).body()).doesNotContain("bypassLimits");
		Http.Answer forged = agent.post("/leads/" + leadId + "/messages",
				Map.of("body", "Forged bypass", "bypassLimits", "true"));

		assertThat(forged.status()).isEqualTo(403);
		assertThat(count("SELECT count(*) FROM messages WHERE body = 'Forged bypass'")).isZero();
	}

	@Test
	void leadNameIsEscapedInTheInbox() {
		createLead("<b id='injected'>Bold</b> & Co", "+15125550134");

		String inbox = admin().get("/").body();

		assertThat(inbox).contains("&lt;b id=&#39;injected&#39;&gt;Bold&lt;/b&gt; &amp; Co")
			.doesNotContain("<b id='injected'>");
	}

	@Test
	void unreadRepliesComeFirstInTheInbox() {
		createLead("Quiet Lead", "+15125550101");
		createLead("Replying Lead", "+15125550102");
		this.clock.advance(Duration.ofMinutes(1));
		createLead("Newest Lead", "+15125550103");
		awaitPipelineIdle();
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "a".repeat(32), "+15125550102", "Call me"));
		this.clock.advance(Duration.ofMinutes(1));
		createLead("Latest Lead", "+15125550104");

		String inbox = admin().get("/").body();

		assertThat(inbox.indexOf("Replying Lead")).isLessThan(inbox.indexOf("Latest Lead"));
		assertThat(inbox.indexOf("Latest Lead")).isLessThan(inbox.indexOf("Newest Lead"));
		assertThat(inbox.indexOf("Newest Lead")).isLessThan(inbox.indexOf("Quiet Lead"));
	}

	@Test
	void openingALeadMarksItsReplyRead() {
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "b".repeat(32), "+15125550134", "Yes"));
		StaffSession admin = admin();
		assertThat(admin.get("/?status=unread").body()).contains("Maria Lopez");

		admin.get("/leads/" + leadId);

		assertThat(admin.get("/?status=unread").body()).doesNotContain("Maria Lopez");
	}

	@Test
	void inboxSearchFindsLeadsByNameOrByPhoneDigitsAsTyped() {
		createLead("Maria Lopez", "+15125550134");
		createLead("John Smith", "+15125550999");
		StaffSession admin = admin();

		assertThat(admin.get("/?q=mar").body()).contains("Maria Lopez").doesNotContain("John Smith");
		assertThat(admin.get("/?q=" + Http.form(Map.of("x", "(512) 555-0999")).substring(2)).body())
			.contains("John Smith")
			.doesNotContain("Maria Lopez");
	}

	@Test
	void inboxFilterShowsOnlyThatStatus() {
		UUID won = createLead("Won Lead", "+15125550101");
		createLead("Open Lead", "+15125550102");
		StaffSession admin = admin();
		admin.post("/leads/" + won + "/status", Map.of("status", "won"));

		String page = admin.get("/?status=won").body();

		assertThat(page).contains("Won Lead").doesNotContain("Open Lead");
	}

	@Test
	void inboxPollAnswersNoContentWhileNothingChanged() {
		createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		StaffSession admin = admin();
		String version = versionIn(admin.get("/inbox/list", "HX-Request", "true").body());

		assertThat(admin.get("/inbox/list?v=" + version, "HX-Request", "true").status()).isEqualTo(204);
		createLead("John Smith", "+15125550999");
		Http.Answer changed = admin.get("/inbox/list?v=" + version, "HX-Request", "true");
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.body()).contains("John Smith");
	}

	@Test
	void leadAddedByHandIsTextedAtOnce() {
		Http.Answer added = admin().post("/leads",
				Map.of("name", "Caller Carl", "phone", "(512) 555-0188", "source", "phone", "message", "Called in"));

		assertThat(added.status()).isEqualTo(302);
		assertThat(added.header("Location")).contains("/leads/");
		awaitAcceptedTo("+15125550188", 1);
		assertThat(this.jdbc.sql("SELECT source FROM leads WHERE phone = '+15125550188'").query(String.class).single())
			.isEqualTo("phone");
	}

	@Test
	void leadAddedByHandWithABadNumberShowsTheFormErrorAndStoresNothing() {
		Http.Answer added = admin().post("/leads", Map.of("name", "Caller Carl", "phone", "12", "source", "phone"));

		assertThat(added.status()).isEqualTo(200);
		assertThat(added.body()).contains("This is not a mobile number that can receive texts");
		assertThat(count("SELECT count(*) FROM leads")).isZero();
	}

	@Test
	void failedTextIsExplainedInWordsOnTheLeadPage() {
		twilio.answerNext(TwilioStandIn.Answer.error(21614, "'To' number is not a valid mobile number"));
		UUID leadId = createLead("Lana Landline", "+15125550134");
		awaitPipelineIdle();

		String page = admin().get("/leads/" + leadId).body();

		assertThat(page).contains("Failed")
			.contains("This number cannot receive texts: it is not a mobile number")
			.contains("Twilio error 21614");
	}

	@Test
	void blockedManualTextShowsItsReasonAndKeepsTheDraft() {
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		awaitPipelineIdle();
		StaffSession admin = admin();
		this.clock.advance(Duration.ofSeconds(1));

		Http.Answer sent = admin.post("/leads/" + leadId + "/messages", Map.of("body", "Too soon after the first"));
		assertThat(sent.header("Location")).endsWith("/leads/" + leadId + "#composer");
		String page = admin.get("/leads/" + leadId).body();

		assertThat(page).contains("Rate limit exceeded: Too soon since last SMS (min 1 minute)")
			.contains(">Too soon after the first</textarea>")
			.contains("1 of 5 today, </span>")
			.contains(">next in 59 s</span>");
		assertThat(count("SELECT count(*) FROM messages WHERE status = 'blocked'")).isEqualTo(1);
	}

	@Test
	void simulateReplyIsAbsentWhenTwilioIsConfigured() {
		UUID leadId = createLead("Maria Lopez", "+15125550134");
		StaffSession admin = admin();

		assertThat(admin.get("/leads/" + leadId).body()).doesNotContain("Simulate reply");
		assertThat(admin.post("/leads/" + leadId + "/simulated-reply", Map.of("body", "hi")).status()).isEqualTo(404);
		assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound'")).isZero();
	}

	@Test
	void unknownLeadGetsTheNotFoundPage() {
		Http.Answer page = admin().get("/leads/" + UUID.randomUUID());

		assertThat(page.status()).isEqualTo(404);
		assertThat(page.body()).contains("Not found").contains("Back to the inbox");
	}

	@Test
	void disabledStaffMemberIsSignedOutOnTheNextRequest() {
		StaffSession agent = agent("agent-disabled@example.com");
		assertThat(agent.get("/").status()).isEqualTo(200);
		UUID agentId = this.accounts.all()
			.stream()
			.filter((u) -> u.email().equals("agent-disabled@example.com"))
			.findFirst()
			.orElseThrow()
			.id();

		admin().post("/settings/users/" + agentId + "/enabled", Map.of("enabled", "false"));

		Http.Answer next = agent.get("/");
		assertThat(next.status()).isEqualTo(302);
		assertThat(next.header("Location")).endsWith("/login?disabled");
		assertThat(agent.get("/").header("Location")).endsWith("/login");
	}

	private StaffSession admin() {
		return StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);
	}

	private StaffSession agent(String email) {
		this.accounts.create(email, "Agent " + email.substring(0, email.indexOf('@')), AGENT_PASSWORD, StaffRole.AGENT);
		return StaffSession.signIn(this.port, email, AGENT_PASSWORD);
	}

	private static String versionIn(String html) {
		int at = html.indexOf("v=");
		return html.substring(at + 2, html.indexOf('"', at));
	}

}
