package com.leadresponse.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.leadresponse.periodic.PeriodicPass;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * The product running on a random port against the test PostgreSQL and a local Twilio
 * stand-in, with a settable clock and the in-process scheduler off (tests run periodic
 * passes themselves).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "lead-response.periodic-pass.scheduler-enabled=false",
				"lead-response.periodic-pass.cron-secret=" + IntegrationTest.CRON_SECRET,
				"lead.api-keys=" + IntegrationTest.API_KEY, "admin.email=" + IntegrationTest.ADMIN_EMAIL,
				"admin.password=" + IntegrationTest.ADMIN_PASSWORD, "app.public-url=" + IntegrationTest.PUBLIC_URL,
				"twilio.account-sid=" + TwilioStandIn.ACCOUNT_SID, "twilio.auth-token=" + TwilioStandIn.AUTH_TOKEN,
				"twilio.from-number=" + TwilioStandIn.FROM, "lead-response.sending.initial-backoff=0s",
				"lead-response.settings.cache-ttl=0s", "lead-response.caches.ttl=0s",
				"lead-response.metrics.token=" + IntegrationTest.METRICS_TOKEN,
				"facebook.app-secret=" + GraphStandIn.APP_SECRET, "facebook.verify-token=" + GraphStandIn.VERIFY_TOKEN,
				"facebook.page-access-token=" + GraphStandIn.PAGE_ACCESS_TOKEN })
@Import(IntegrationTest.TestClockConfiguration.class)
public abstract class IntegrationTest {

	public static final String API_KEY = "test-intake-key";

	public static final String CRON_SECRET = "test-cron-secret";

	public static final String METRICS_TOKEN = "test-metrics-token";

	public static final String ADMIN_EMAIL = "admin@example.com";

	public static final String ADMIN_PASSWORD = "admin-password-1";

	public static final String PUBLIC_URL = "https://leads.example.com";

	/** A Tuesday, 15:00 in Chicago: outside quiet hours for US numbers. */
	public static final Instant START = Instant.parse("2026-03-03T21:00:00Z");

	protected static final TwilioStandIn twilio = TwilioStandIn.start();

	/** Meta's Graph API, for the Lead Ads connector (SPEC 9). */
	protected static final GraphStandIn graph = GraphStandIn.start();

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", TestDatabase::url);
		registry.add("spring.datasource.username", TestDatabase::username);
		registry.add("spring.datasource.password", TestDatabase::password);
		registry.add("twilio.api-base-url", () -> twilio.baseUrl().toString());
		registry.add("facebook.graph-base-url", () -> graph.baseUrl().toString());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClockConfiguration {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(START);
		}

		@Bean
		@Primary
		RunningClock testSchedulerClock(MutableClock testClock) {
			return new RunningClock(testClock);
		}

	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected PeriodicPass periodicPass;

	@Autowired
	protected Clock productClock;

	protected Http http;

	/** Started by the first test of a class that needs it, closed after that class. */
	private static SecondInstance secondInstance;

	@AfterAll
	static void closeSecondInstance() {
		if (secondInstance != null) {
			secondInstance.close();
			secondInstance = null;
		}
	}

	/**
	 * A second instance of the product on the same database and clock, for guarantees
	 * that must hold across instances.
	 */
	protected SecondInstance secondInstance() {
		if (secondInstance == null) {
			secondInstance = SecondInstance.start(this.clock, twilio);
		}
		return secondInstance;
	}

	/**
	 * The schedulers of the Spring test contexts seen so far. Contexts are cached and
	 * stay alive between test classes, and their background tasks share one database: a
	 * context with another configuration (one with an SMTP server, say) would otherwise
	 * run the tasks the current test scheduled. Only the current test's context polls;
	 * the instances a test starts itself (secondInstance) are not paused.
	 */
	private static final Set<Scheduler> CONTEXT_SCHEDULERS = ConcurrentHashMap.newKeySet();

	@Autowired
	private Scheduler scheduler;

	@BeforeEach
	void onlyThisContextRunsBackgroundTasks() {
		CONTEXT_SCHEDULERS.add(this.scheduler);
		CONTEXT_SCHEDULERS.forEach((other) -> {
			if (other != this.scheduler) {
				other.pause();
			}
		});
		this.scheduler.resume();
	}

	@BeforeEach
	void resetWorld() {
		TestDatabase.reset(this.jdbc);
		twilio.reset();
		graph.reset();
		this.clock.set(START);
		// db-scheduler's poller waits until its clock has moved one polling interval: set
		// back to START, it would wait the whole jump in real time, and a task scheduled
		// for later in this test would not run when its moment comes.
		this.scheduler.triggerCheckForDueExecutions();
		if (secondInstance != null) {
			secondInstance.bean(Scheduler.class).triggerCheckForDueExecutions();
		}
		this.http = new Http(this.port);
	}

	protected Http.Answer postLead(String name, String phone) {
		return this.http.postJson("/api/leads", "{\"name\":\"" + name + "\",\"phone\":\"" + phone + "\"}", "X-Api-Key",
				API_KEY);
	}

	protected UUID createLead(String name, String phone) {
		Http.Answer answer = postLead(name, phone);
		if (answer.status() != 201) {
			throw new IllegalStateException("Intake answered " + answer.status() + ": " + answer.body());
		}
		return UUID.fromString(answer.json().get("id").asString());
	}

	/** Waits until the stand-in has accepted this many messages to the number. */
	protected void awaitAcceptedTo(String phone, int count) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> twilio.accepted().stream().filter((r) -> phone.equals(r.to())).count() >= count);
	}

	/** Waits until no message is queued or sending: the pipeline has settled. */
	protected void awaitPipelineIdle() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc.sql("SELECT count(*) FROM messages WHERE status IN ('queued', 'sending')")
				.query(Integer.class)
				.single() == 0);
	}

	protected Http.Answer postSignedWebhook(String path, Map<String, String> params) {
		String signature = TwilioWebhookSigner.sign(TwilioStandIn.AUTH_TOKEN, PUBLIC_URL + path, params);
		return this.http.postForm(path, params, "X-Twilio-Signature", signature);
	}

	protected static Map<String, String> inboundSms(String sid, String from, String body) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("MessageSid", sid);
		params.put("SmsSid", sid);
		params.put("AccountSid", TwilioStandIn.ACCOUNT_SID);
		params.put("From", from);
		params.put("To", TwilioStandIn.FROM);
		params.put("Body", body);
		params.put("NumMedia", "0");
		params.put("NumSegments", "1");
		return params;
	}

	/** A Twilio status callback for one of our messages, as Twilio posts it. */
	protected static Map<String, String> statusCallback(String sid, String to, String status, String errorCode) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("MessageSid", sid);
		params.put("SmsSid", sid);
		params.put("AccountSid", TwilioStandIn.ACCOUNT_SID);
		params.put("From", TwilioStandIn.FROM);
		params.put("To", to);
		params.put("MessageStatus", status);
		params.put("SmsStatus", status);
		params.put("ApiVersion", "2010-04-01");
		if (errorCode != null) {
			params.put("ErrorCode", errorCode);
		}
		return params;
	}

	/** Twilio's Voice URL request for an incoming call, as Twilio posts it. */
	protected static Map<String, String> incomingCall(String callSid, String from) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("AccountSid", TwilioStandIn.ACCOUNT_SID);
		params.put("ApiVersion", "2010-04-01");
		params.put("CallSid", callSid);
		params.put("CallStatus", "ringing");
		params.put("Called", TwilioStandIn.FROM);
		params.put("CalledCountry", "US");
		params.put("Caller", from);
		params.put("CallerCountry", "US");
		params.put("Direction", "inbound");
		params.put("From", from);
		params.put("FromCity", "AUSTIN");
		params.put("FromCountry", "US");
		params.put("FromState", "TX");
		params.put("FromZip", "78701");
		params.put("To", TwilioStandIn.FROM);
		params.put("ToCountry", "US");
		return params;
	}

	/**
	 * Twilio's request to a {@code <Dial>} action when the dialled call ends: the call's
	 * parameters with {@code DialCallStatus}, {@code DialCallSid} and, once answered,
	 * {@code DialCallDuration}.
	 */
	protected static Map<String, String> dialStatus(String callSid, String from, String dialCallStatus,
			Integer durationSeconds) {
		Map<String, String> params = incomingCall(callSid, from);
		params.put("CallStatus", "in-progress");
		params.put("DialCallSid", "CA" + "d".repeat(32));
		params.put("DialCallStatus", dialCallStatus);
		if (durationSeconds != null) {
			params.put("DialCallDuration", String.valueOf(durationSeconds));
		}
		return params;
	}

	/** Twilio's recording status callback of a {@code <Record>} voicemail. */
	protected static Map<String, String> recordingStatus(String callSid, String recordingSid, int durationSeconds) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("AccountSid", TwilioStandIn.ACCOUNT_SID);
		params.put("CallSid", callSid);
		params.put("RecordingSid", recordingSid);
		params.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/" + TwilioStandIn.ACCOUNT_SID
				+ "/Recordings/" + recordingSid);
		params.put("RecordingStatus", "completed");
		params.put("RecordingDuration", String.valueOf(durationSeconds));
		params.put("RecordingChannels", "1");
		params.put("RecordingStartTime", "Tue, 03 Mar 2026 21:00:25 +0000");
		params.put("RecordingSource", "RecordVerb");
		return params;
	}

	/**
	 * Has db-scheduler look for due background tasks now (it also looks every second), on
	 * this instance and on the second instance if one runs.
	 */
	protected void runDueBackgroundTasks() {
		this.scheduler.triggerCheckForDueExecutions();
		if (secondInstance != null) {
			secondInstance.bean(Scheduler.class).triggerCheckForDueExecutions();
		}
	}

	protected String staffAuth() {
		return Http.basic(ADMIN_EMAIL, ADMIN_PASSWORD);
	}

	protected String leadStatus(UUID leadId) {
		return this.jdbc.sql("SELECT status FROM leads WHERE id = :id")
			.param("id", leadId)
			.query(String.class)
			.single();
	}

	protected int count(String sql) {
		return this.jdbc.sql(sql).query(Integer.class).single();
	}

}
