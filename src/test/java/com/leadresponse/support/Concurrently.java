package com.leadresponse.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs tasks on real threads released together: every thread is started and waiting at a
 * latch before any of them begins, so the tasks truly race.
 */
public final class Concurrently {

	private Concurrently() {
	}

	/**
	 * Runs {@code task} on {@code threads} threads released at once; answers the results
	 * in task order and fails with the first task's exception.
	 */
	public static <T> List<T> run(int threads, IntFunction<T> task) {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		try {
			List<Future<T>> futures = new ArrayList<>(threads);
			for (int i = 0; i < threads; i++) {
				int index = i;
				futures.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return task.apply(index);
				}));
			}
			if (!ready.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Not all " + threads + " threads started");
			}
			go.countDown();
			List<T> results = new ArrayList<>(threads);
			for (Future<T> future : futures) {
				results.add(future.get(120, TimeUnit.SECONDS));
			}
			return results;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A concurrent task failed", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Concurrent tasks did not finish", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
