package io.cdp.bench.sustained;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.http.Exchange;
import io.cdp.bench.stack.Pause;
import io.cdp.bench.stats.MeasuredWindow;

/**
 * Posts every body once, as fast as the platform takes them: several senders, each with
 * its own keep-alive client, take the next body in delivery order as soon as their last
 * one was answered. A body answered with anything but a 2xx is sent again, like an SDK
 * would (the same message ids, which the platform deduplicates), up to five times.
 */
final class SustainedLoad {

	private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

	private static final int ATTEMPTS = 5;

	private SustainedLoad() {
	}

	/**
	 * Sends the bodies.
	 * @param batchUri the {@code /v1/batch} URL
	 * @param authorization the write key's {@code Authorization} header
	 * @param bodies the bodies, in order
	 * @param senders how many at once
	 * @return what was sent and when
	 */
	static Sent send(URI batchUri, String authorization, List<String> bodies, int senders) {
		AtomicInteger next = new AtomicInteger();
		AtomicLong accepted = new AtomicLong();
		AtomicLong retried = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicReference<String> firstFailure = new AtomicReference<>("");
		List<Runnable> workers = new ArrayList<>();
		for (int index = 0; index < senders; index++) {
			workers.add(() -> {
				BenchHttp http = new BenchHttp();
				for (int body = next.getAndIncrement(); body < bodies.size(); body = next.getAndIncrement()) {
					Exchange answer = http.post(batchUri, authorization, bodies.get(body));
					for (int attempt = 2; !answer.ok() && attempt <= ATTEMPTS; attempt++) {
						retried.incrementAndGet();
						Pause.of(Duration.ofMillis(200L * attempt));
						answer = http.post(batchUri, authorization, bodies.get(body));
					}
					if (answer.ok()) {
						accepted.addAndGet(accepted(answer.body()));
					}
					else {
						failed.incrementAndGet();
						firstFailure.compareAndSet("", answer.toString());
					}
				}
			});
		}
		long started = System.nanoTime();
		MeasuredWindow.runAll("bench-sustained-sender", workers);
		return new Sent(bodies.size(), accepted.get(), retried.get(), failed.get(), firstFailure.get(), started,
				System.nanoTime());
	}

	static long accepted(String answer) {
		Matcher matcher = ACCEPTED.matcher(answer);
		return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
	}

	/**
	 * What the load sent.
	 *
	 * @param requests bodies sent
	 * @param accepted messages the answers said were accepted
	 * @param retried requests sent again after a failure
	 * @param failed bodies that failed every attempt
	 * @param firstFailure the first of those, empty if none
	 * @param startedNanos when the first send began
	 * @param endedNanos when the last answer came
	 */
	record Sent(int requests, long accepted, long retried, long failed, String firstFailure, long startedNanos,
			long endedNanos) {

		double seconds() {
			return (this.endedNanos - this.startedNanos) / 1e9;
		}

	}

}
