package com.leadresponse.settings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.leadresponse.system.Timestamps;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes the single {@code settings} row. A write names only the columns it
 * changes; the row's trigger tells every instance (SPEC 3: settings apply without a
 * restart, on every instance).
 */
@Repository
class SettingsRepository {

	private final JdbcClient jdbc;

	SettingsRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	SettingsRow load() {
		return new SettingsRow(this.jdbc.sql("SELECT * FROM settings WHERE id = 1").query().singleRow());
	}

	/**
	 * Stores the changed columns in one statement: a save changes all its fields or none.
	 * Column names come from the settings' declarations, never from the request.
	 */
	void save(Map<SettingsField<?>, Object> columns, Instant now) {
		StringBuilder sql = new StringBuilder("UPDATE settings SET updated_at = :now");
		Map<String, Object> params = new LinkedHashMap<>();
		int i = 0;
		for (Map.Entry<SettingsField<?>, Object> change : columns.entrySet()) {
			String parameter = "v" + i++;
			sql.append(", ")
				.append(change.getKey().column())
				.append(" = ")
				.append(change.getKey().type().columnExpression(parameter));
			params.put(parameter, change.getValue());
		}
		sql.append(" WHERE id = 1");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString()).param("now", Timestamps.of(now));
		for (Map.Entry<String, Object> param : params.entrySet()) {
			statement = statement.param(param.getKey(), param.getValue());
		}
		statement.update();
	}

}
