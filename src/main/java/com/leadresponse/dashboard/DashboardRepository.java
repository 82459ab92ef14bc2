package com.leadresponse.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's figures, each one SQL statement over the product's own tables; days are
 * business days (midnight in the business time zone).
 */
@Repository
class DashboardRepository {

	/** Median and 90th percentile of speed to lead, in seconds, over {@code leads}. */
	record SpeedToLead(Double medianSeconds, Double p90Seconds, int leads) {
	}

	record ReplyRate(int replied, int texted) {
	}

	record Reason(String reason, int count) {
	}

	private final JdbcClient jdbc;

	DashboardRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Map<LocalDate, Integer> leadsPerDay(Instant from, ZoneId zone) {
		return perDay("""
				SELECT (created_at AT TIME ZONE :zone)::date AS day, count(*) AS n FROM leads
				WHERE created_at >= :from GROUP BY 1
				""", from, zone);
	}

	/**
	 * Speed to lead: from a lead's arrival to the provider accepting its first text (the
	 * first outbound {@code sent_at}). Leads that texted in first (source {@code sms})
	 * were not waiting for an answer to a form, so they are left out.
	 */
	SpeedToLead speedToLead(Instant from) {
		return this.jdbc.sql("""
				SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
				       percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90, count(*) AS n
				FROM (SELECT extract(epoch FROM (first.sent_at - l.created_at)) AS seconds
				      FROM leads l
				      CROSS JOIN LATERAL (SELECT min(m.sent_at) AS sent_at FROM messages m
				                          WHERE m.lead_id = l.id AND m.direction = 'outbound') first
				      WHERE l.created_at >= :from AND l.source IS DISTINCT FROM 'sms'
				        AND first.sent_at IS NOT NULL) t
				""")
			.param("from", Timestamps.of(from))
			.query((rs, row) -> new SpeedToLead((Double) rs.getObject("median"), (Double) rs.getObject("p90"),
					rs.getInt("n")))
			.single();
	}

	/**
	 * First human response: from a lead's arrival to the first text a staff member sent
	 * it that the provider accepted ({@code sent_by_id} set, {@code sent_at} its
	 * acceptance). Automatic texts (the instant response, follow-ups) never count; leads
	 * no person has texted yet are left out, and counted apart.
	 */
	SpeedToLead firstHumanResponse(Instant from) {
		return this.jdbc.sql("""
				SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
				       percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90, count(*) AS n
				FROM (SELECT extract(epoch FROM (first.sent_at - l.created_at)) AS seconds
				      FROM leads l
				      CROSS JOIN LATERAL (SELECT min(m.sent_at) AS sent_at FROM messages m
				                          WHERE m.lead_id = l.id AND m.direction = 'outbound'
				                            AND m.sent_by_id IS NOT NULL) first
				      WHERE l.created_at >= :from AND first.sent_at IS NOT NULL) t
				""")
			.param("from", Timestamps.of(from))
			.query((rs, row) -> new SpeedToLead((Double) rs.getObject("median"), (Double) rs.getObject("p90"),
					rs.getInt("n")))
			.single();
	}

	/**
	 * The phone calls of the period (SPEC 8): how many, how many were missed and left a
	 * voicemail, and the time from a miss to its missed-call text.
	 */
	record CallFigures(int calls, int answered, int missed, int voicemails, Double medianSecondsToText,
			int textedCallers) {
	}

	/**
	 * Calls started in the period by outcome; the time to the text runs from the miss
	 * (the call's end) to the provider accepting the missed-call text ({@code sent_at}),
	 * as speed to lead does, over the missed calls whose text went.
	 */
	CallFigures calls(Instant from) {
		return this.jdbc.sql("""
				SELECT count(*) AS calls, count(*) FILTER (WHERE c.status = 'answered') AS answered,
				       count(*) FILTER (WHERE c.status = 'missed') AS missed,
				       count(*) FILTER (WHERE c.status = 'missed' AND c.recording_sid IS NOT NULL) AS voicemails,
				       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (m.sent_at - c.ended_at)))
				         FILTER (WHERE m.sent_at IS NOT NULL) AS median,
				       count(m.sent_at) AS texted
				FROM calls c
				LEFT JOIN messages m ON m.id = c.missed_text_message_id AND c.status = 'missed'
				WHERE c.started_at >= :from
				""")
			.param("from", Timestamps.of(from))
			.query((rs, row) -> new CallFigures(rs.getInt("calls"), rs.getInt("answered"), rs.getInt("missed"),
					rs.getInt("voicemails"), (Double) rs.getObject("median"), rs.getInt("texted")))
			.single();
	}

	/**
	 * Leads, replies, won and lost of one source over the period, and its median speed to
	 * lead in seconds (null when none of its leads was texted).
	 */
	record SourceFigures(String source, int leads, int texted, int replied, int won, int lost,
			Double speedMedianSeconds) {

		public String replyRate() {
			return (this.texted > 0) ? Math.round(100.0 * this.replied / this.texted) + "%" : "–";
		}

	}

	/**
	 * The leads of the period by where they came from: how many, how many texted back (an
	 * opt-out keyword is not a reply), won and lost, and the median speed to lead as
	 * {@link #speedToLead} measures it (SPEC 6, 9).
	 */
	List<SourceFigures> bySource(Instant from) {
		return this.jdbc
			.sql("""
					SELECT COALESCE(l.source, 'unknown') AS source, count(*) AS leads,
					       count(*) FILTER (WHERE l.last_sms_at IS NOT NULL) AS texted,
					       count(*) FILTER (WHERE l.last_sms_at IS NOT NULL AND l.replied_at IS NOT NULL) AS replied,
					       count(*) FILTER (WHERE l.status = 'won') AS won, count(*) FILTER (WHERE l.status = 'lost') AS lost,
					       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (first.sent_at - l.created_at)))
					         FILTER (WHERE first.sent_at IS NOT NULL AND l.source IS DISTINCT FROM 'sms') AS speed
					FROM leads l
					CROSS JOIN LATERAL (SELECT min(m.sent_at) AS sent_at FROM messages m
					                    WHERE m.lead_id = l.id AND m.direction = 'outbound') first
					WHERE l.created_at >= :from
					GROUP BY 1 ORDER BY leads DESC, source
					""")
			.param("from", Timestamps.of(from))
			.query((rs, row) -> new SourceFigures(rs.getString("source"), rs.getInt("leads"), rs.getInt("texted"),
					rs.getInt("replied"), rs.getInt("won"), rs.getInt("lost"), (Double) rs.getObject("speed")))
			.list();
	}

	/** Why leads closed in the period were lost, most frequent first. */
	List<Reason> lostReasons(Instant from) {
		return this.jdbc.sql("""
				SELECT COALESCE(NULLIF(closed_reason, ''), 'No reason given') AS reason, count(*) AS n FROM leads
				WHERE status = 'lost' AND closed_at >= :from
				GROUP BY 1 ORDER BY n DESC, reason LIMIT 10
				""")
			.param("from", Timestamps.of(from))
			.query((rs, row) -> new Reason(rs.getString("reason"), rs.getInt("n")))
			.list();
	}

	/** The median speed to lead of each day's leads, in seconds. */
	Map<LocalDate, Double> medianSpeedPerDay(Instant from, ZoneId zone) {
		Map<LocalDate, Double> days = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT day, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median
				FROM (SELECT (l.created_at AT TIME ZONE :zone)::date AS day,
				             extract(epoch FROM (first.sent_at - l.created_at)) AS seconds
				      FROM leads l
				      CROSS JOIN LATERAL (SELECT min(m.sent_at) AS sent_at FROM messages m
				                          WHERE m.lead_id = l.id AND m.direction = 'outbound') first
				      WHERE l.created_at >= :from AND l.source IS DISTINCT FROM 'sms'
				        AND first.sent_at IS NOT NULL) t
				GROUP BY day
				""")
			.param("from", Timestamps.of(from))
			.param("zone", zone.getId())
			.query((rs, row) -> days.put(rs.getObject("day", LocalDate.class), rs.getDouble("median")))
			.list();
		return days;
	}

	/**
	 * Of the leads texted by the product, how many texted back with a reply: an opt-out
	 * keyword (STOP) is not one ({@code replied_at} is the first text that is).
	 */
	ReplyRate replyRate(Instant from) {
		return this.jdbc.sql("""
				SELECT count(*) FILTER (WHERE replied_at IS NOT NULL) AS replied, count(*) AS texted
				FROM leads WHERE created_at >= :from AND source IS DISTINCT FROM 'sms' AND last_sms_at IS NOT NULL
				""")
			.param("from", Timestamps.of(from))
			.query((rs, row) -> new ReplyRate(rs.getInt("replied"), rs.getInt("texted")))
			.single();
	}

	/** Blocked sends by their reason ({@code error_message}), most frequent first. */
	List<Reason> blockedByReason(Instant from) {
		return this.jdbc.sql("""
				SELECT COALESCE(error_message, 'No reason recorded') AS reason, count(*) AS n FROM messages
				WHERE status = 'blocked' AND created_at >= :from
				GROUP BY 1 ORDER BY n DESC, reason
				""")
			.param("from", Timestamps.of(from))
			.query((rs, row) -> new Reason(rs.getString("reason"), rs.getInt("n")))
			.list();
	}

	/** Sequences closed as lost because they ran out (SPEC 5.6), by day closed. */
	Map<LocalDate, Integer> expiredPerDay(Instant from, ZoneId zone) {
		return perDay("""
				SELECT (closed_at AT TIME ZONE :zone)::date AS day, count(*) AS n FROM leads
				WHERE closed_reason LIKE 'Sequence expired%' AND closed_at >= :from GROUP BY 1
				""", from, zone);
	}

	/**
	 * Twilio webhooks processed once, by type and day, from the deduplication records;
	 * these are kept only for the webhook retention period, so older days read zero.
	 */
	Map<String, Map<LocalDate, Integer>> webhooksPerDay(Instant from, ZoneId zone) {
		Map<String, Map<LocalDate, Integer>> byType = new LinkedHashMap<>();
		byType.put("twilio_inbound", new LinkedHashMap<>());
		byType.put("twilio_status", new LinkedHashMap<>());
		this.jdbc.sql("""
				SELECT webhook_type, (processed_at AT TIME ZONE :zone)::date AS day, count(*) AS n
				FROM processed_webhooks WHERE processed_at >= :from GROUP BY 1, 2
				""")
			.param("from", Timestamps.of(from))
			.param("zone", zone.getId())
			.query((rs, row) -> byType.computeIfAbsent(rs.getString("webhook_type"), (t) -> new LinkedHashMap<>())
				.put(rs.getObject("day", LocalDate.class), rs.getInt("n")))
			.list();
		return byType;
	}

	private Map<LocalDate, Integer> perDay(String sql, Instant from, ZoneId zone) {
		Map<LocalDate, Integer> days = new LinkedHashMap<>();
		this.jdbc.sql(sql)
			.param("from", Timestamps.of(from))
			.param("zone", zone.getId())
			.query((rs, row) -> days.put(rs.getObject("day", LocalDate.class), rs.getInt("n")))
			.list();
		return days;
	}

}
