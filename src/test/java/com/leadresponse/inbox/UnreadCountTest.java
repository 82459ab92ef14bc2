package com.leadresponse.inbox;

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
 * The unread count of the inbox (SPEC 6) is exact up to 99 and "99+" from 100: it walks
 * the newest leads that texted in and stops there (SPEC 7: no count of every lead that
 * ever texted on every poll), and leads marked unread without a text count too.
 */
class UnreadCountTest extends IntegrationTest {

	private final AtomicInteger phones = new AtomicInteger();

	@Test
	void exactBelowTheCapAndMarkedUnreadLeadsCount() {
		textedIn(3);
		UUID marked = lead(null);
		UUID admin = this.jdbc.sql("SELECT id FROM users WHERE email = :email")
			.param("email", ADMIN_EMAIL)
			.query(UUID.class)
			.single();
		this.jdbc.sql("INSERT INTO lead_reads (user_id, lead_id, marked_unread) VALUES (:user, :lead, true)")
			.param("user", admin)
			.param("lead", marked)
			.update();

		assertThat(unreadChip()).isEqualTo("4");
	}

	@Test
	void fromAHundredItIsNinetyNinePlus() {
		textedIn(150);

		String inbox = StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD).get("/").body();

		assertThat(unreadChip(inbox)).isEqualTo("99+");
	}

	private String unreadChip() {
		return unreadChip(StaffSession.signIn(this.port, ADMIN_EMAIL, ADMIN_PASSWORD).get("/").body());
	}

	private static String unreadChip(String inbox) {
		int unread = inbox.indexOf("<span>Unread</span>");
		int start = inbox.indexOf("class=\"count\">", unread) + "class=\"count\">".length();
		return inbox.substring(start, inbox.indexOf("</span>", start));
	}

	private void textedIn(int leads) {
		for (int i = 0; i < leads; i++) {
			lead(this.clock.instant().minus(Duration.ofMinutes(i + 1)));
		}
	}

	private UUID lead(Instant lastInbound) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO leads (id, name, phone, source, status, created_at, last_activity_at, last_inbound_at)
				VALUES (:id, 'Lead', :phone, 'website', 'replied', :at, :at, :inbound)
				""")
			.param("id", id)
			.param("phone", "+1512556" + String.format("%04d", this.phones.incrementAndGet()))
			.param("at", Timestamps.of(this.clock.instant().minus(Duration.ofHours(1))))
			.param("inbound", (lastInbound != null) ? Timestamps.of(lastInbound) : null)
			.update();
		return id;
	}

}
