package com.leadresponse.bench;

/**
 * The benchmark's data, made inside PostgreSQL with {@code INSERT ... SELECT
 * generate_series} (a million rows in seconds, no round trips). Ids are
 * {@code md5(prefix || n)} so that pgbench and the load generator can name a lead without
 * looking it up; each group has its own phone range.
 */
final class Seeds {

	private static final String FIRST = "(ARRAY['Maria','James','Linda','Robert','Patricia','John','Jennifer','Michael',"
			+ "'Elizabeth','David','Barbara','William','Susan','Richard','Jessica','Joseph','Sarah','Thomas','Karen','Carlos'])";

	private static final String LAST = "(ARRAY['Lopez','Smith','Johnson','Williams','Brown','Jones','Garcia','Miller',"
			+ "'Davis','Rodriguez','Martinez','Hernandez','Wilson','Anderson','Thomas','Taylor','Moore','Jackson',"
			+ "'Martin','Lee','Perez','Thompson','White','Harris','Sanchez'])";

	/**
	 * Closed, replied and running leads of the last four weeks, phones +1 300 000 0001...
	 */
	static String backgroundLeads(int count) {
		return """
				INSERT INTO leads (id, name, phone, email, source, message, status, closed_reason, closed_at, created_at,
				                   last_activity_at, last_inbound_at, sequence_step, next_followup_at,
				                   sequence_ended_reason, sequence_expires_at, last_sms_at, sms_count_today,
				                   sms_count_reset_at)
				SELECT md5('bg-' || n)::uuid,
				       %s[1 + n %% 20] || ' ' || %s[1 + (n / 20) %% 25],
				       '+1' || (3000000000 + n),
				       'lead' || n || '@example.com', 'website', 'Need a bore under the driveway',
				       s.status,
				       CASE n %% 10 WHEN 0 THEN 'Closed as won' WHEN 1 THEN 'Sequence expired (30 days)'
				                    WHEN 2 THEN 'Not interested' END,
				       CASE WHEN n %% 10 < 3 THEN c.created + interval '2 days' END,
				       c.created, c.created + interval '1 hour',
				       CASE WHEN n %% 10 IN (3, 4) THEN c.created + interval '1 hour' END,
				       1,
				       CASE WHEN n %% 10 >= 5 THEN now() + (1 + n %% 7) * interval '1 day' END,
				       CASE WHEN n %% 10 IN (3, 4) THEN 'Lead replied' END,
				       c.created + interval '30 days', c.created, 1, date_trunc('day', c.created)
				FROM generate_series(1, %d) AS n
				CROSS JOIN LATERAL (SELECT now() - (n %% 28) * interval '1 day' - (n %% 86400) * interval '1 second'
				                    AS created) c
				CROSS JOIN LATERAL (SELECT CASE n %% 10 WHEN 0 THEN 'won' WHEN 1 THEN 'lost' WHEN 2 THEN 'lost'
				                    WHEN 3 THEN 'replied' WHEN 4 THEN 'replied' WHEN 5 THEN 'new' ELSE 'contacted' END
				                    AS status) s
				"""
			.formatted(FIRST, LAST, count);
	}

	/**
	 * Each background lead's instant response, and the reply of each replied lead.
	 */
	static String backgroundMessages(int count) {
		return """
				INSERT INTO messages (id, lead_id, direction, body, status, provider_sid, sequence_step, to_phone,
				                      from_phone, attempts, sent_at, created_at, updated_at)
				SELECT md5('bgm-' || n)::uuid, md5('bg-' || n)::uuid, 'outbound',
				       'Hi, thanks for reaching out to Our team! We will call you shortly.', 'delivered',
				       'SMbg' || n, 1, '+1' || (3000000000 + n), '+15125550000', 1, c.created, c.created, c.created
				FROM generate_series(1, %1$d) AS n
				CROSS JOIN LATERAL (SELECT now() - (n %% 28) * interval '1 day' - (n %% 86400) * interval '1 second'
				                    AS created) c;
				INSERT INTO messages (id, lead_id, direction, body, status, provider_sid, to_phone, from_phone,
				                      created_at, updated_at)
				SELECT md5('bgi-' || n)::uuid, md5('bg-' || n)::uuid, 'inbound', 'Yes, what does it cost?', 'received',
				       'SMbgi' || n, '+15125550000', '+1' || (3000000000 + n), c.created + interval '1 hour',
				       c.created + interval '1 hour'
				FROM generate_series(1, %1$d) AS n
				CROSS JOIN LATERAL (SELECT now() - (n %% 28) * interval '1 day' - (n %% 86400) * interval '1 second'
				                    AS created) c
				WHERE n %% 10 IN (3, 4)
				""".formatted(count);
	}

	/**
	 * Contacted leads the webhook phase hears from: phone +1 512 200 0000 + k, id
	 * md5('wh-' || k).
	 */
	static String webhookLeads(int count) {
		return """
				INSERT INTO leads (id, name, phone, source, status, created_at, last_activity_at, sequence_step,
				                   next_followup_at, sequence_expires_at, last_sms_at, sms_count_today,
				                   sms_count_reset_at)
				SELECT md5('wh-' || k)::uuid, %s[1 + k %% 20] || ' Webhook', '+1512' || (2000000 + k), 'website',
				       'contacted', now() - interval '1 day', now() - interval '1 day', 1, now() + interval '1 day',
				       now() + interval '29 days', now() - interval '1 day', 1, now() - interval '1 day'
				FROM generate_series(1, %d) AS k
				""".formatted(FIRST, count);
	}

	/**
	 * Running sequences whose second step is due now: ids md5(group || n), phone +1
	 * {@code area} 200 0000 + n, last texted two days ago, so neither rate limit holds
	 * them back.
	 */
	static String dueFollowUps(String group, String area, int count) {
		return """
				INSERT INTO leads (id, name, phone, source, status, created_at, last_activity_at, sequence_step,
				                   next_followup_at, sequence_expires_at, last_sms_at, sms_count_today,
				                   sms_count_reset_at)
				SELECT md5('%s' || n)::uuid, %s[1 + n %% 20] || ' Sweep', '+1%s' || (2000000 + n), 'website',
				       'contacted', now() - interval '2 days', now() - interval '2 days', 1,
				       now() - interval '1 minute' - n * interval '1 millisecond', now() + interval '28 days',
				       now() - interval '2 days', 1, now() - interval '2 days'
				FROM generate_series(1, %d) AS n
				""".formatted(group, FIRST, area, count);
	}

	/**
	 * Sequences that ran out a day ago (no follow-up due yet): ids md5(group || n), phone
	 * +1 {@code area} 000 0000 + n (n below 10,000,000).
	 */
	static String expiredSequences(String group, String area, int count) {
		return """
				INSERT INTO leads (id, name, phone, source, status, created_at, last_activity_at, sequence_step,
				                   next_followup_at, sequence_expires_at, last_sms_at, sms_count_today,
				                   sms_count_reset_at)
				SELECT md5('%s' || n)::uuid, %s[1 + n %% 20] || ' Expired', '+1%s' || lpad(n::text, 7, '0'),
				       'website', CASE WHEN n %% 2 = 0 THEN 'new' ELSE 'contacted' END,
				       now() - interval '31 days', now() - interval '31 days', 2, now() + interval '1 day',
				       now() - interval '1 day' + n * interval '1 millisecond',
				       now() - interval '10 days', 1, now() - interval '10 days'
				FROM generate_series(1, %d) AS n
				""".formatted(group, FIRST, area, count);
	}

	private Seeds() {
	}

}
