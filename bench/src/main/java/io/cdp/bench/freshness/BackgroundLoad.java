package io.cdp.bench.freshness;

import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.http.Exchange;
import io.cdp.bench.ingest.EventBodies;
import io.cdp.bench.stack.BenchAccess;
import io.cdp.bench.stack.Stack;
import io.cdp.bench.stats.MeasuredWindow;

/**
 * A steady background load of the population's events on the ingest-service's
 * {@code /v1/batch}, paced in small batches twenty times a second by one sender per
 * thousand events a second, so that each posts a batch of at most fifty every twentieth
 * of a second and a slow answer delays only its own share.
 */
final class BackgroundLoad implements AutoCloseable {

	private static final int TICKS_PER_SECOND = 20;

	private final ScheduledExecutorService senders;

	private final AtomicLong accepted = new AtomicLong();

	/**
	 * Starts the load.
	 * @param stack the stack
	 * @param access the credentials
	 * @param bodies the events
	 * @param rate events a second
	 * @param window the window whose accepted events are counted
	 */
	BackgroundLoad(Stack stack, BenchAccess access, EventBodies bodies, int rate, MeasuredWindow window) {
		int count = senders(rate);
		this.senders = Executors.newScheduledThreadPool(count);
		int perTick = Math.max(1, rate / TICKS_PER_SECOND / count);
		URI batch = stack.ingest().resolve("/v1/batch");
		for (int sender = 0; sender < count; sender++) {
			BenchHttp http = new BenchHttp();
			this.senders.scheduleAtFixedRate(() -> {
				Exchange answer = http.post(batch, access.writeAuthorization(), bodies.batch(perTick));
				if (answer.ok() && window.inside(System.nanoTime())) {
					this.accepted.addAndGet(perTick);
				}
			}, sender * 1000L / TICKS_PER_SECOND / count, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Senders for a rate: one per thousand events a second.
	 * @param rate background events a second
	 * @return how many senders
	 */
	static int senders(int rate) {
		return Math.max(1, (rate + 999) / 1000);
	}

	/**
	 * The events accepted within the window so far.
	 * @return how many
	 */
	long accepted() {
		return this.accepted.get();
	}

	@Override
	public void close() {
		this.senders.shutdownNow();
	}

}
