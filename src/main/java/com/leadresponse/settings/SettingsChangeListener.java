package com.leadresponse.settings;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears PostgreSQL's {@code NOTIFY settings_changed} (sent by a trigger on the settings
 * table, whoever changed it: any instance, or an operator with SQL) and drops this
 * instance's copy of the row. It holds one connection of its own; while that connection
 * is down, copies are dropped and the listener reconnects.
 */
@Component
class SettingsChangeListener implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SettingsChangeListener.class);

	static final String CHANNEL = "settings_changed";

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final DataSource dataSource;

	private final SettingsService settings;

	private volatile boolean running;

	private volatile Thread thread;

	SettingsChangeListener(DataSource dataSource, SettingsService settings) {
		this.dataSource = dataSource;
		this.settings = settings;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::listen, "settings-listener");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread listener = this.thread;
		if (listener != null) {
			listener.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				// Changes made while no one listened are unknown: read afresh.
				this.settings.changed();
				PGConnection pg = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] notifications = pg.getNotifications((int) WAIT.toMillis());
					if (notifications != null && notifications.length > 0) {
						this.settings.changed();
					}
				}
			}
			catch (SQLException ex) {
				this.settings.changed();
				if (this.running) {
					log.debug("Settings listener lost its connection ({}); reconnecting", ex.getMessage());
					pause();
				}
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(WAIT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
