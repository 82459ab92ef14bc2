package com.leadresponse.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A month of plausible history written straight into the tables, so screenshots show the
 * pages as a busy business sees them: leads in every status, a conversation with every
 * kind of message, blocked and failed sends, expired sequences and processed webhooks.
 */
public final class Showcase {

	private static final String[] FIRST = { "James", "Priya", "Tom", "Ana", "Luis", "Grace", "Omar", "Keisha", "Ben",
			"Sofia", "Raj", "Emma", "Carlos", "Mei", "Noah", "Fatima", "Liam", "Olivia", "Diego", "Hannah" };

	private static final String[] LAST = { "Carter", "Shah", "Becker", "Gómez", "Ortiz", "Kim", "Haddad", "Brown",
			"Miller", "Rossi", "Patel", "Wilson", "Reyes", "Chen", "Davis", "Ali", "Nguyen", "Moore", "Lopez",
			"Young" };

	private final JdbcClient jdbc;

	private final Instant now;

	private final Random random = new Random(42);

	public Showcase(JdbcClient jdbc, Instant now) {
		this.jdbc = jdbc;
		this.now = now;
	}

	/** Writes the history; answers the id of the lead with the richest conversation. */
	public UUID write() {
		for (int i = 0; i < 60; i++) {
			Instant created = this.now.minus(Duration.ofMinutes(90 + this.random.nextInt(60 * 24 * 29)));
			String status = switch (i % 6) {
				case 0 -> "won";
				case 1 -> "lost";
				case 2 -> "replied";
				default -> "contacted";
			};
			UUID id = lead(FIRST[i % FIRST.length] + " " + LAST[(i * 7) % LAST.length],
					"+1512555" + String.format("%04d", 2000 + i), status, created, i % 4 == 0 ? "angi" : "website");
			double seconds = 1.2 + this.random.nextDouble() * ((i % 9 == 0) ? 40 : 4);
			message(id, "outbound", "Hi, thanks for reaching out to Our team! We will call you shortly.", "delivered",
					null, null, 1, created, created.plusMillis((long) (seconds * 1000)));
			Instant replied = created.plus(Duration.ofMinutes(3 + this.random.nextInt(300)));
			if ((status.equals("replied") || status.equals("won")) && replied.isBefore(this.now)) {
				message(id, "inbound", "Yes please, call me after 5", "received", null, null, null, replied, null);
				this.jdbc
					.sql("UPDATE leads SET last_inbound_at = :at, staff_read_at = :at, last_activity_at = :at "
							+ "WHERE id = :id")
					.param("at", Timestamps.of(replied))
					.param("id", id)
					.update();
			}
			if (status.equals("lost") && i % 2 == 1) {
				Instant closed = created.plus(Duration.ofDays(30));
				if (closed.isBefore(this.now)) {
					close(id, "lost", "Sequence expired (30 days)", closed);
				}
				else {
					Instant early = this.now.minus(Duration.ofDays(this.random.nextInt(20)));
					close(id, "lost", "Sequence expired (30 days)", early);
				}
			}
			if (i % 7 == 3) {
				message(id, "outbound", "Following up from Our team. When is a good time to talk?", "blocked", null,
						"Rate limit exceeded: Too soon since last SMS (min 1 minute)", 2,
						created.plus(Duration.ofSeconds(30)), null);
			}
			if (i % 11 == 5) {
				message(id, "outbound", "Still planning your project?", "blocked", null,
						"Rate limit exceeded: Daily limit reached (5 per day)", 4, created.plus(Duration.ofDays(1)),
						null);
			}
			if (i % 13 == 2) {
				message(id, "outbound", "Last check-in from Our team.", "blocked", null, "Recipient opted out", 5,
						created.plus(Duration.ofDays(2)), null);
			}
		}
		webhooks();
		return conversation();
	}

	/** The lead the lead-page screenshots show: every kind of message. */
	private UUID conversation() {
		Instant created = this.now.minus(Duration.ofMinutes(42));
		UUID id = lead("Maria Lopez", "+15125550134", "replied", created, "website");
		this.jdbc.sql("UPDATE leads SET email = 'maria.lopez@example.com', message = :message WHERE id = :id")
			.param("message", "Need a water line bored under my driveway, about 40 ft. Weekdays after 3 are best.")
			.param("id", id)
			.update();
		message(id, "outbound",
				"Hi Maria, thanks for reaching out to Our team! We got your request and will call you shortly. "
						+ "Reply here any time with questions.",
				"delivered", null, null, 1, created, created.plusMillis(1800));
		Instant reply = created.plus(Duration.ofMinutes(4));
		message(id, "inbound", "Great, can someone come look at it Thursday afternoon?", "received", null, null, null,
				reply, null);
		message(id, "outbound", "Thursday at 3:30 works. Our crew lead Mike will meet you there.", "delivered", null,
				null, null, created.plus(Duration.ofMinutes(9)), created.plus(Duration.ofMinutes(9)));
		message(id, "outbound", "Mike is on his way, about 20 minutes out.", "undelivered", "30003", null, null,
				created.plus(Duration.ofMinutes(40)), created.plus(Duration.ofMinutes(40)));
		message(id, "outbound", "Mike is on his way, about 20 minutes out.", "blocked", null,
				"Rate limit exceeded: Too soon since last SMS (min 1 minute)", null,
				created.plus(Duration.ofMinutes(40).plusSeconds(20)), null);
		Instant second = this.now.minus(Duration.ofMinutes(1));
		message(id, "inbound", "Ok thanks! Gate code is 4821.", "received", null, null, null, second, null);
		Instant dayStart = Instant.parse("2026-03-03T06:00:00Z");
		this.jdbc.sql("""
				UPDATE leads SET last_inbound_at = :second, staff_read_at = NULL, last_activity_at = :second,
				  sequence_step = 1, next_followup_at = NULL, sequence_ended_reason = 'Lead replied',
				  last_sms_at = :lastSms, sms_count_today = 3, sms_count_reset_at = :dayStart
				WHERE id = :id
				""")
			.param("second", Timestamps.of(second))
			.param("lastSms", Timestamps.of(this.now.minus(Duration.ofSeconds(18))))
			.param("dayStart", Timestamps.of(dayStart))
			.param("id", id)
			.update();
		UUID fresh = lead("Priya Shah", "+15125550177", "new", this.now.minus(Duration.ofSeconds(20)), "angi");
		message(fresh, "outbound", "Hi Priya, thanks for reaching out to Our team! We will call you shortly.", "queued",
				null, null, 1, this.now.minus(Duration.ofSeconds(20)), null);
		return id;
	}

	private void webhooks() {
		for (int i = 0; i < 40; i++) {
			Instant at = this.now.minus(Duration.ofMinutes(this.random.nextInt(60 * 23)));
			this.jdbc.sql("""
					INSERT INTO processed_webhooks (id, webhook_id, webhook_type, processed_at, expires_at)
					VALUES (:id, :webhookId, :type, :at, :expires)
					""")
				.param("id", UUID.randomUUID())
				.param("webhookId",
						"SM" + UUID.randomUUID().toString().replace("-", "") + ((i % 3 == 0) ? "" : ":sent"))
				.param("type", (i % 3 == 0) ? "twilio_inbound" : "twilio_status")
				.param("at", Timestamps.of(at))
				.param("expires", Timestamps.of(at.plus(Duration.ofHours(24))))
				.update();
		}
	}

	private UUID lead(String name, String phone, String status, Instant created, String source) {
		UUID id = UUID.randomUUID();
		boolean open = !status.equals("won") && !status.equals("lost");
		this.jdbc.sql("""
				INSERT INTO leads (id, name, phone, source, status, created_at, last_activity_at, sequence_step,
				                   next_followup_at, sequence_expires_at, last_sms_at, sms_count_today,
				                   sms_count_reset_at, closed_at)
				VALUES (:id, :name, :phone, :source, :status, :created, :created, 1, :next, :expires, :created, 1,
				        :created, :closedAt)
				""")
			.param("id", id)
			.param("name", name)
			.param("phone", phone)
			.param("source", source)
			.param("status", status)
			.param("created", Timestamps.of(created))
			.param("next", open && status.equals("contacted") ? Timestamps.of(created.plus(Duration.ofDays(1))) : null)
			.param("expires", Timestamps.of(created.plus(Duration.ofDays(30))))
			.param("closedAt", open ? null : Timestamps.of(created.plus(Duration.ofDays(2))))
			.update();
		return id;
	}

	private void close(UUID id, String status, String reason, Instant at) {
		this.jdbc
			.sql("UPDATE leads SET status = :status, closed_reason = :reason, closed_at = :at, "
					+ "next_followup_at = NULL, sequence_ended_reason = :reason WHERE id = :id")
			.param("status", status)
			.param("reason", reason)
			.param("at", Timestamps.of(at))
			.param("id", id)
			.update();
	}

	private void message(UUID leadId, String direction, String body, String status, String errorCode,
			String errorMessage, Integer step, Instant created, Instant sentAt) {
		if (created.isAfter(this.now)) {
			return;
		}
		boolean outbound = direction.equals("outbound");
		boolean accepted = sentAt != null;
		this.jdbc.sql("""
				INSERT INTO messages (id, lead_id, direction, body, status, provider_sid, error_code, error_message,
				                      sequence_step, to_phone, from_phone, sent_at, created_at, updated_at)
				VALUES (:id, :leadId, :direction, :body, :status, :sid, :code, :error, :step,
				        (SELECT phone FROM leads WHERE id = :leadId), :from, :sentAt, :created, :created)
				""")
			.param("id", UUID.randomUUID())
			.param("leadId", leadId)
			.param("direction", direction)
			.param("body", body)
			.param("status", status)
			.param("sid", (accepted || !outbound) ? "SM" + UUID.randomUUID().toString().replace("-", "") : null)
			.param("code", errorCode)
			.param("error", errorMessage)
			.param("step", step)
			.param("from", outbound ? (accepted ? "+15125550000" : null) : "+15125550134")
			.param("sentAt", Timestamps.of(sentAt))
			.param("created", Timestamps.of(created))
			.update();
		this.jdbc.sql("UPDATE leads SET last_activity_at = GREATEST(last_activity_at, :at) WHERE id = :id")
			.param("at", Timestamps.of(created))
			.param("id", leadId)
			.update();
	}

}
