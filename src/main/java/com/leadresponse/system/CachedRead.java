package com.leadresponse.system;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What nearly every request reads and hardly anything changes (the settings row, which
 * events webhook endpoints take, staff's push subscriptions), kept by one instance for at
 * most its time-to-live and dropped as soon as the table changes, on this instance or on
 * another ({@link ChangeNotices}). Made with {@link ChangeNotices#cache}.
 *
 * @param <T> what is read, immutable
 */
public final class CachedRead<T> {

	private final Supplier<T> read;

	private final long ttlNanos;

	private final AtomicReference<Copy<T>> copy = new AtomicReference<>();

	/** Bumped by every change this instance hears of; a copy older than it is dropped. */
	private final AtomicLong generation = new AtomicLong();

	private record Copy<T>(T value, long readAt, long generation) {
	}

	CachedRead(Supplier<T> read, Duration ttl) {
		this.read = read;
		this.ttlNanos = ttl.toNanos();
	}

	/** The value in force: this instance's copy, or a fresh read when it is stale. */
	public T get() {
		Copy<T> current = this.copy.get();
		long now = System.nanoTime();
		if (current != null && current.generation() == this.generation.get()
				&& now - current.readAt() < this.ttlNanos) {
			return current.value();
		}
		// The generation before the read: a change heard during the read makes this copy
		// stale at once instead of keeping it for a whole time-to-live.
		long generation = this.generation.get();
		T value = this.read.get();
		this.copy.set(new Copy<>(value, now, generation));
		return value;
	}

	/** The table changed: the next read goes to the database. */
	public void changed() {
		this.generation.incrementAndGet();
	}

	/**
	 * This instance changed the table in the current transaction: its copy is dropped
	 * once the change is committed (a read before then would see the old rows), without
	 * waiting for the notification.
	 */
	public void changedOnCommit() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			changed();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				changed();
			}
		});
	}

}
