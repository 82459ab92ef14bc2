package com.leadresponse.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.leadresponse.support.IntegrationTest;
import com.leadresponse.support.StaffSession;
import com.leadresponse.system.Timestamps;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's figures come from the product's own rows: speed to lead, reply rate,
 * blocked sends by reason, expired sequences, over the chosen period.
 */
class DashboardPageTest extends IntegrationTest {

	private final AtomicInteger phones = new AtomicInteger();

	@Test
	void speedToLeadIsTheMedianAndP90FromArrivalToFirstAcceptedText() {
		for (int seconds = 1; seconds <= 10; seconds++) {
			UUID lead = lead(START.minus(Duration.ofHours(seconds)), "website", false);
			outbound(lead, "sent", null, START.minus(Duration.ofHours(seconds)).plusSeconds(seconds));
			outbound(lead, "sent", null, START.minus(Duration.ofHours(seconds)).plusSeconds(500));
		}
		UUID textedFirst = lead(START.minus(Duration.ofHours(2)), "sms", true);
		outbound(textedFirst, "sent", null, START.minus(Duration.ofHours(1)));

		String page = dashboard(7);

		assertThat(page).contains(">5.5 s<").contains(">9.1 s<").contains("over 10 texted leads");
	}

	@Test
	void eachSourceHasItsLeadsItsMedianSpeedToLeadAndItsReplyRate() {
		for (int i = 0; i < 3; i++) {
			UUID angi = lead(START.minus(Duration.ofHours(i + 1)), "angi", i == 0);
			outbound(angi, "sent", null, START.minus(Duration.ofHours(i + 1)).plusSeconds(2 + 2 * i));
		}
		UUID form = lead(START.minus(Duration.ofHours(5)), "web form", false);
		outbound(form, "sent", null, START.minus(Duration.ofHours(5)).plusSeconds(40));

		String page = dashboard(7);
		String table = page.substring(page.indexOf("<table class=\"sources\""),
				page.indexOf("</table>", page.indexOf("<table class=\"sources\"")));

		// angi: 3 leads, median of 2, 4 and 6 s, 1 of 3 replied; the web form: 1 lead, 40
		// s.
		assertThat(table.replaceAll("\\s+", " ")).contains(
				"<th scope=\"row\">angi</th> <td>3</td> <td>4.0 s</td> <td>33%</td>",
				"<th scope=\"row\">web form</th> <td>1</td> <td>40 s</td> <td>0%</td>");
	}

	@Test
	void replyRateIsTheShareOfTextedLeadsThatTextedBack() {
		for (int i = 0; i < 4; i++) {
			UUID lead = lead(START.minus(Duration.ofHours(i + 1)), "website", i == 0);
			outbound(lead, "delivered", null, START.minus(Duration.ofHours(i + 1)).plusSeconds(2));
		}

		assertThat(dashboard(7)).contains(">25%<").contains("1 of 4 texted leads");
	}

	@Test
	void blockedSendsAreCountedByTheirReason() {
		UUID lead = lead(START.minus(Duration.ofHours(3)), "website", false);
		for (int i = 0; i < 3; i++) {
			outbound(lead, "blocked", "Rate limit exceeded: Too soon since last SMS (min 1 minute)", null);
		}
		outbound(lead, "blocked", "Recipient opted out", null);

		String page = dashboard(7);

		assertThat(page)
			.containsPattern("Too soon since last SMS \\(min 1 minute\\)</span>\\s*<span class=\"reason-bar\">"
					+ "[\\s\\S]*?<span class=\"n\">3</span>")
			.containsPattern(
					"Recipient opted out</span>\\s*<span class=\"reason-bar\">[\\s\\S]*?<span class=\"n\">1</span>");
	}

	@Test
	void expiredSequencesAreCountedInThePeriodTheyClosed() {
		expired(START.minus(Duration.ofDays(2)));
		expired(START.minus(Duration.ofDays(3)));
		expired(START.minus(Duration.ofDays(20)));

		assertThat(dashboard(7)).containsPattern("Expired sequences</span><strong>2</strong>");
		assertThat(dashboard(30)).containsPattern("Expired sequences</span><strong>3</strong>");
	}

	@Test
	void firstHumanResponseIsTimedFromTheFirstStaffTextNotTheAutomaticOne() {
		UUID admin = this.jdbc.sql("SELECT id FROM users WHERE email = :email")
			.param("email", ADMIN_EMAIL)
			.query(UUID.class)
			.single();
		Instant created = START.minus(Duration.ofHours(2));
		UUID lead = lead(created, "website", true);
		outbound(lead, "delivered", null, created.plusSeconds(2));
		staffText(lead, admin, created.plusSeconds(300));
		staffText(lead, admin, created.plusSeconds(900));

		String page = dashboard(7);

		assertThat(page).contains("First human response, median</span><strong>5 min</strong>")
			.contains("first staff text, over 1 leads")
			.contains("Speed to lead, median</span><strong>2.0 s</strong>");
	}

	@Test
	void stopIsNotAReplyInTheReplyRate() {
		createLead("Stopping Lead", "+15125550101");
		createLead("Replying Lead", "+15125550102");
		awaitAcceptedTo("+15125550101", 1);
		awaitAcceptedTo("+15125550102", 1);
		awaitPipelineIdle();
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "a".repeat(32), "+15125550101", "STOP"));
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "b".repeat(32), "+15125550102", "Yes please"));

		assertThat(dashboard(7)).contains(">50%<").contains("1 of 2 texted leads");
	}

	@Test
	void operatorFiguresHaveTheirOwnPage() {
		postSignedWebhook("/api/webhooks/twilio", inboundSms("SM" + "c".repeat(32), "+15125550103", "Hi"));
		StaffSession admin = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD);

		assertThat(admin.get("/dashboard?days=7").body()).doesNotContain("Twilio webhooks processed");
		assertThat(admin.get("/dashboard/operations").body()).contains("Twilio webhooks processed")
			.containsPattern("<span>1</span> inbound texts");
	}

	@Test
	void callsMissedCallsAndTheTimeFromAMissToItsTextComeFromTheVoiceWebhooks() {
		this.jdbc.sql("UPDATE settings SET staff_phones = '+15125550901'").update();
		missCall("CA" + "1".repeat(32), "+15125550111");
		postSignedWebhook("/api/webhooks/twilio/voice/recording",
				recordingStatus("CA" + "1".repeat(32), "RE" + "1".repeat(32), 42));
		textAfter(Duration.ofSeconds(60), "+15125550111");
		missCall("CA" + "2".repeat(32), "+15125550112");
		textAfter(Duration.ofSeconds(80), "+15125550112");
		postSignedWebhook("/api/webhooks/twilio/voice", incomingCall("CA" + "3".repeat(32), "+15125550113"));
		postSignedWebhook("/api/webhooks/twilio/voice/dial-status",
				dialStatus("CA" + "3".repeat(32), "+15125550113", "completed", 180));

		String page = dashboard(7);

		assertThat(page).contains("Calls</span><strong>3</strong>")
			.contains("1 answered")
			.contains("Missed calls</span><strong>2</strong>")
			.contains("1 left a voicemail")
			.contains("Missed call to its text, median</span><strong>1 min 10 s</strong>")
			.contains("over 2 texted callers");
	}

	@Test
	void callsBeforeThePeriodAreNotCounted() {
		this.jdbc.sql("""
				INSERT INTO calls (id, call_sid, from_phone, status, started_at, ended_at)
				VALUES (:id, :sid, '+15125550111', 'missed', :at, :at)
				""")
			.param("id", UUID.randomUUID())
			.param("sid", "CA" + "9".repeat(32))
			.param("at", Timestamps.of(START.minus(Duration.ofDays(10))))
			.update();

		assertThat(dashboard(7)).contains("Missed calls</span><strong>0</strong>");
		assertThat(dashboard(30)).contains("Missed calls</span><strong>1</strong>");
	}

	/** A call that rings the staff phone out. */
	private void missCall(String callSid, String from) {
		postSignedWebhook("/api/webhooks/twilio/voice", incomingCall(callSid, from));
		postSignedWebhook("/api/webhooks/twilio/voice/dial-status", dialStatus(callSid, from, "no-answer", null));
	}

	/**
	 * Lets the missed-call text go this long after the miss and waits for Twilio to take
	 * it.
	 */
	private void textAfter(Duration delay, String phone) {
		this.clock.advance(delay);
		runDueBackgroundTasks();
		awaitAcceptedTo(phone, 1);
		awaitPipelineIdle();
	}

	private void staffText(UUID lead, UUID staff, Instant sentAt) {
		this.jdbc.sql("""
				INSERT INTO messages (id, lead_id, direction, body, status, to_phone, sent_by_id, sent_at,
				                      created_at, updated_at)
				VALUES (:id, :lead, 'outbound', 'On it', 'delivered', '+15125550134', :staff, :sentAt, :sentAt, :sentAt)
				""")
			.param("id", UUID.randomUUID())
			.param("lead", lead)
			.param("staff", staff)
			.param("sentAt", Timestamps.of(sentAt))
			.update();
	}

	private String dashboard(int days) {
		return StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD).get("/dashboard?days=" + days).body();
	}

	private UUID lead(Instant created, String source, boolean replied) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO leads (id, name, phone, source, status, created_at, last_activity_at, last_inbound_at,
				                   replied_at, last_sms_at)
				VALUES (:id, 'Lead', :phone, :source, :status, :created, :created, :inbound, :inbound, :created)
				""")
			.param("id", id)
			.param("phone", "+1512555" + (1000 + this.phones.incrementAndGet()))
			.param("source", source)
			.param("status", replied ? "replied" : "contacted")
			.param("created", Timestamps.of(created))
			.param("inbound", replied ? Timestamps.of(created.plusSeconds(600)) : null)
			.update();
		return id;
	}

	private void outbound(UUID lead, String status, String error, Instant sentAt) {
		Instant created = (sentAt != null) ? sentAt.minusMillis(300) : START.minus(Duration.ofHours(1));
		this.jdbc.sql("""
				INSERT INTO messages (id, lead_id, direction, body, status, error_message, to_phone, sent_at,
				                      created_at, updated_at)
				VALUES (:id, :lead, 'outbound', 'Hi', :status, :error, '+15125550134', :sentAt, :created, :created)
				""")
			.param("id", UUID.randomUUID())
			.param("lead", lead)
			.param("status", status)
			.param("error", error)
			.param("sentAt", Timestamps.of(sentAt))
			.param("created", Timestamps.of(created))
			.update();
	}

	private void expired(Instant closedAt) {
		UUID lead = lead(closedAt.minus(Duration.ofDays(30)), "website", false);
		this.jdbc.sql("""
				UPDATE leads SET status = 'lost', closed_reason = 'Sequence expired (30 days)', closed_at = :at
				WHERE id = :id
				""").param("at", Timestamps.of(closedAt)).param("id", lead).update();
	}

}
