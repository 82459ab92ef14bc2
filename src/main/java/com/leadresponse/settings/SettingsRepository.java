package com.leadresponse.settings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes the single {@code settings} row; a NULL column falls back to its
 * default.
 */
@Repository
class SettingsRepository {

	private final JdbcClient jdbc;

	private final SettingsDefaults defaults;

	SettingsRepository(JdbcClient jdbc, SettingsDefaults defaults) {
		this.jdbc = jdbc;
		this.defaults = defaults;
	}

	Settings load() {
		return this.jdbc.sql("SELECT * FROM settings WHERE id = 1").query(this::map).single();
	}

	void save(Settings s, Instant now) {
		this.jdbc.sql("""
				UPDATE settings SET business_name = :name, business_timezone = :zone, business_country = :country,
				  min_sms_interval_seconds = :interval, daily_sms_limit = :daily, sequence_expiry_days = :expiry,
				  expiry_batch_size = :batch, webhook_retention_hours = :retention, quiet_hours_start = :quietStart,
				  quiet_hours_end = :quietEnd, quiet_hours_apply_to_instant = :quietInstant,
				  alert_phones = :phones, alert_emails = :emails, updated_at = :now
				WHERE id = 1
				""")
			.param("name", s.businessName())
			.param("zone", s.businessZone().getId())
			.param("country", s.businessCountry())
			.param("interval", (int) s.minSmsInterval().toSeconds())
			.param("daily", s.dailySmsLimit())
			.param("expiry", s.sequenceExpiryDays())
			.param("batch", s.expiryBatchSize())
			.param("retention", (int) s.webhookRetention().toHours())
			.param("quietStart", Time.valueOf(s.quietHoursStart()))
			.param("quietEnd", Time.valueOf(s.quietHoursEnd()))
			.param("quietInstant", s.quietHoursApplyToInstant())
			.param("phones", String.join(",", s.alertPhones()))
			.param("emails", String.join(",", s.alertEmails()))
			.param("now", Timestamps.of(now))
			.update();
	}

	private Settings map(ResultSet rs, int row) throws SQLException {
		SettingsDefaults d = this.defaults;
		String zone = rs.getString("business_timezone");
		Integer interval = (Integer) rs.getObject("min_sms_interval_seconds");
		Integer daily = (Integer) rs.getObject("daily_sms_limit");
		Integer expiry = (Integer) rs.getObject("sequence_expiry_days");
		Integer batch = (Integer) rs.getObject("expiry_batch_size");
		Integer retention = (Integer) rs.getObject("webhook_retention_hours");
		Time quietStart = rs.getTime("quiet_hours_start");
		Time quietEnd = rs.getTime("quiet_hours_end");
		Boolean quietInstant = (Boolean) rs.getObject("quiet_hours_apply_to_instant");
		return new Settings(or(rs.getString("business_name"), d.name()),
				(zone != null) ? ZoneId.of(zone) : d.timezone(), or(rs.getString("business_country"), d.country()),
				(interval != null) ? Duration.ofSeconds(interval) : d.minSmsInterval(),
				(daily != null) ? daily : d.dailySmsLimit(), (expiry != null) ? expiry : d.sequenceExpiryDays(),
				(batch != null) ? batch : d.expiryBatchSize(),
				(retention != null) ? Duration.ofHours(retention) : d.webhookRetention(),
				(quietStart != null) ? quietStart.toLocalTime() : d.quietHoursStart(),
				(quietEnd != null) ? quietEnd.toLocalTime() : d.quietHoursEnd(),
				(quietInstant != null) ? quietInstant : d.quietHoursApplyToInstant(),
				list(rs.getString("alert_phones")), list(rs.getString("alert_emails")));
	}

	private static String or(String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	private static List<String> list(String csv) {
		if (csv == null || csv.isBlank()) {
			return List.of();
		}
		return Arrays.stream(csv.split(",")).map(String::trim).filter((v) -> !v.isEmpty()).toList();
	}

}
