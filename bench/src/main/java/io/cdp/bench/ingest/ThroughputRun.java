package io.cdp.bench.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdp.bench.http.ClosedLoop;
import io.cdp.bench.http.ClosedLoop.LoopResult;
import io.cdp.bench.http.ClosedLoop.Outcome;
import io.cdp.bench.http.Exchange;

/**
 * Measures how many events a second one ingestion endpoint accepts at one concurrency. A
 * {@code /v1/batch} request counts the events its answer says were accepted; a
 * {@code /v1/track} call counts one when answered 2xx.
 */
public final class ThroughputRun {

	/** Messages in each {@code /v1/batch} request. */
	public static final int BATCH_SIZE = 100;

	private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

	private final EventBodies bodies;

	private final String authorization;

	private final Duration warmup;

	private final Duration window;

	/**
	 * Creates the runner.
	 * @param bodies the request bodies
	 * @param authorization the write key's {@code Authorization} header
	 * @param warmup how long each run warms up
	 * @param window how long each run is measured
	 */
	public ThroughputRun(EventBodies bodies, String authorization, Duration warmup, Duration window) {
		this.bodies = bodies;
		this.authorization = authorization;
		this.warmup = warmup;
		this.window = window;
	}

	/**
	 * Runs one configuration.
	 * @param endpoint {@code batch} or {@code track}
	 * @param route {@code direct} or {@code gateway}
	 * @param base the ingest-service's or the gateway's base URL
	 * @param concurrency how many requests at a time
	 * @return the result
	 */
	public ThroughputResult run(String endpoint, String route, URI base, int concurrency) {
		boolean batch = endpoint.equals("batch");
		URI uri = base.resolve(batch ? "/v1/batch" : "/v1/track");
		LoopResult result = ClosedLoop.run(concurrency, this.warmup, this.window,
				(worker) -> (http) -> batch
						? accepted(http.post(uri, this.authorization, this.bodies.batch(BATCH_SIZE)))
						: new Outcome(http.post(uri, this.authorization, this.bodies.track()), 1));
		return new ThroughputResult(endpoint, route, concurrency, result);
	}

	static Outcome accepted(Exchange exchange) {
		if (!exchange.ok()) {
			return new Outcome(exchange, 0);
		}
		Matcher matcher = ACCEPTED.matcher(exchange.body());
		return new Outcome(exchange, matcher.find() ? Long.parseLong(matcher.group(1)) : 0);
	}

}
