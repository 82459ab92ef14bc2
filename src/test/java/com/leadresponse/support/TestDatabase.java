package com.leadresponse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tests' PostgreSQL: the server at {@code TEST_DATABASE_URL} when it is set, else one
 * embedded PostgreSQL for the whole test run. Tests never use H2 or a mocked database.
 */
public final class TestDatabase {

	private static volatile String url;

	private TestDatabase() {
	}

	public static synchronized String url() {
		if (url == null) {
			String external = System.getenv("TEST_DATABASE_URL");
			url = (external != null && !external.isBlank()) ? external : startEmbedded();
		}
		return url;
	}

	public static String username() {
		String user = System.getenv("TEST_DATABASE_USERNAME");
		return (user != null) ? user : "postgres";
	}

	public static String password() {
		String password = System.getenv("TEST_DATABASE_PASSWORD");
		return (password != null) ? password : "";
	}

	private static String startEmbedded() {
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setServerConfig("max_connections", "300")
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// The JVM is ending; the temporary cluster goes with it.
				}
			}));
			String base = postgres.getJdbcUrl("postgres", "postgres");
			try (Connection connection = DriverManager.getConnection(base, "postgres", "")) {
				connection.createStatement().execute("CREATE DATABASE leadresponse_test");
			}
			return postgres.getJdbcUrl("postgres", "leadresponse_test");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Empties every table the product writes, and puts settings and the sequence back to
	 * their defaults.
	 */
	public static void reset(JdbcClient jdbc) {
		// The TRUNCATE locks its tables in the order it names them, while a background
		// task
		// of a context still running (SimulatorModeTest's, on the real clock, or the
		// previous class's before it is paused) may hold one of them and want another, as
		// the follow-up sweep holds leads and then inserts messages. PostgreSQL breaks
		// the
		// deadlock by failing one of the two; when it picks the TRUNCATE, emptying the
		// tables again is all it takes.
		for (int attempt = 1;; attempt++) {
			try {
				jdbc.sql("""
						TRUNCATE messages, leads, processed_webhooks, idempotency_keys, api_keys, scheduled_tasks,
						  lead_reads, lead_history, push_subscriptions, calls, missed_call_texts, intake_rates,
						  automatic_text_hours, sign_in_attempts, lead_submissions, source_refusals, web_form_posts,
						  audit_log, review_requests, webhook_endpoints, webhook_events, webhook_deliveries,
						  webhook_lead_order, quick_replies, recovery_codes, staff_api_tokens, facebook_forms CASCADE
						""").update();
				break;
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
		// Accounts stay (tests sign in with them); what each test may set on them goes.
		jdbc.sql("""
				UPDATE users SET setup_dismissed_at = NULL, takes_new_leads = false, assigned_turn = NULL,
				  alert_phone = NULL, totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL,
				  totp_last_step = NULL
				""").update();
		jdbc.sql("UPDATE lead_assignment_turns SET turns = 0").update();
		// The web forms back to the one every install has (V55).
		jdbc.sql("DELETE FROM web_forms WHERE slug <> 'quote'").update();
		// Every setting back to its default, including those later features add.
		List<String> columns = jdbc.sql("""
				SELECT column_name FROM information_schema.columns
				WHERE table_schema = current_schema() AND table_name = 'settings' AND column_name <> 'id'
				""").query(String.class).list();
		jdbc.sql("UPDATE settings SET " + String.join(", ", columns.stream().map((c) -> c + " = NULL").toList()))
			.update();
		jdbc.sql("DELETE FROM sequence_steps").update();
		jdbc.sql("""
				INSERT INTO sequence_steps (step_number, delay_minutes, template) VALUES
				 (1, 0, 'Hi {firstName}, thanks for reaching out to {businessName}! We will call you shortly.'),
				 (2, 1440, 'Hi {firstName}, following up from {businessName}. When is a good time to talk?'),
				 (3, 4320, 'Hi {firstName}, {businessName} here. Any questions about your project?'),
				 (4, 10080, 'Hi {firstName}, still planning your project? {businessName} has openings.'),
				 (5, 20160, 'Hi {firstName}, last check-in from {businessName}.')
				""").update();
	}

}
