package com.leadresponse.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps every instance's {@link CachedRead copies} true: a trigger on each cached table
 * sends PostgreSQL's {@code NOTIFY} on the table's channel whoever changed it (any
 * instance, or an operator with SQL), and this instance hears every channel on one
 * connection of its own and drops the copies of that channel. While the connection is
 * down, every copy is dropped and it reconnects; a copy's time-to-live bounds how long a
 * notification missed meanwhile can leave it stale.
 */
@Component
public class ChangeNotices implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ChangeNotices.class);

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final DataSource dataSource;

	private final Map<String, List<CachedRead<?>>> byChannel = new ConcurrentHashMap<>();

	private volatile boolean running;

	private volatile Thread thread;

	ChangeNotices(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * A copy of what {@code read} returns, kept for at most {@code ttl} and dropped on
	 * every {@code NOTIFY} of {@code channel}. Made while the application starts, before
	 * this listens.
	 * @param channel a channel name, as the table's trigger sends it (letters and
	 * underscores)
	 */
	public <T> CachedRead<T> cache(String channel, Duration ttl, Supplier<T> read) {
		if (!channel.matches("[a-z_]+")) {
			throw new IllegalArgumentException("Not a channel name: " + channel);
		}
		if (this.running) {
			throw new IllegalStateException("Caches are made before the listener starts");
		}
		CachedRead<T> cache = new CachedRead<>(read, ttl);
		this.byChannel.computeIfAbsent(channel, (c) -> new CopyOnWriteArrayList<>()).add(cache);
		return cache;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = new Thread(this::listen, "change-notices");
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
					for (String channel : this.byChannel.keySet()) {
						statement.execute("LISTEN " + channel);
					}
				}
				// Changes made while no one listened are unknown: read afresh.
				dropAll();
				PGConnection pg = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] notifications = pg.getNotifications((int) WAIT.toMillis());
					if (notifications != null) {
						for (PGNotification notification : notifications) {
							this.byChannel.getOrDefault(notification.getName(), List.of()).forEach(CachedRead::changed);
						}
					}
				}
			}
			catch (SQLException ex) {
				dropAll();
				if (this.running) {
					log.debug("Change listener lost its connection ({}); reconnecting", ex.getMessage());
					pause();
				}
			}
		}
	}

	private void dropAll() {
		this.byChannel.values().forEach((caches) -> caches.forEach(CachedRead::changed));
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
