package io.cdp.bench.lookup;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.http.ClosedLoop;
import io.cdp.bench.http.ClosedLoop.Outcome;
import io.cdp.bench.http.ClosedLoop.Step;
import io.cdp.bench.stack.BenchAccess;
import io.cdp.bench.stack.Stack;
import io.cdp.contract.caller.CallerHeader;

/**
 * Measures the profile API's latency at one concurrency: each request asks for a random
 * identifier of the population ({@code lookup}), the first history page of a random
 * profile ({@code events}, the API's default page of 50), or an analytics answer across
 * every customer over the 90 days up to now ({@code funnel}, {@code overview} by week,
 * {@code engagement}).
 */
public final class LookupLatencyRun {

	/** The analytics endpoints, by the name the results give them. */
	public static final List<String> ANALYTICS = List.of("funnel", "overview", "engagement");

	private final Stack stack;

	private final BenchAccess access;

	private final List<String> identifiers;

	private final List<String> profileIds;

	private final Duration warmup;

	private final Duration window;

	/**
	 * Creates the runner.
	 * @param stack the stack
	 * @param access the credentials
	 * @param identifiers identifiers to look up, as {@code type:value}
	 * @param profileIds profiles whose history to read
	 * @param warmup how long each run warms up
	 * @param window how long each run is measured
	 */
	public LookupLatencyRun(Stack stack, BenchAccess access, List<String> identifiers, List<String> profileIds,
			Duration warmup, Duration window) {
		if (identifiers.isEmpty() || profileIds.isEmpty()) {
			throw new IllegalArgumentException("no identifiers or profiles to read");
		}
		this.stack = stack;
		this.access = access;
		this.identifiers = List.copyOf(identifiers);
		this.profileIds = List.copyOf(profileIds);
		this.warmup = warmup;
		this.window = window;
	}

	/**
	 * Runs one configuration.
	 * @param endpoint {@code lookup}, {@code events}, or one of {@link #ANALYTICS}
	 * @param route {@code direct} or {@code gateway}
	 * @param concurrency requests in flight
	 * @return the result
	 */
	public LookupResult run(String endpoint, String route, int concurrency) {
		boolean direct = route.equals("direct");
		URI base = direct ? this.stack.profile() : this.stack.gateway();
		return new LookupResult(endpoint, route, concurrency, ClosedLoop.run(concurrency, this.warmup, this.window,
				(worker) -> step(endpoint, base, direct, new SplittableRandom(7919L * (worker + 1)))));
	}

	private Step step(String endpoint, URI base, boolean direct, SplittableRandom random) {
		return (http) -> {
			URI uri = switch (endpoint) {
				case "lookup" -> base.resolve("/v1/profiles/lookup?identifier="
						+ BenchHttp.encode(this.identifiers.get(random.nextInt(this.identifiers.size()))));
				case "events" -> base
					.resolve("/v1/profiles/" + this.profileIds.get(random.nextInt(this.profileIds.size())) + "/events");
				case "funnel" -> base.resolve("/v1/analytics/funnel?" + lastDays());
				case "overview" -> base.resolve("/v1/analytics/overview?interval=week&" + lastDays());
				case "engagement" -> base.resolve("/v1/analytics/engagement?tz=America/New_York&" + lastDays());
				default -> throw new IllegalArgumentException("Unknown endpoint " + endpoint);
			};
			return new Outcome(direct ? http.get(uri, CallerHeader.NAME, this.access.callerHeader())
					: http.get(uri, "Authorization", this.access.gatewayAuthorization()), 1);
		};
	}

	private static String lastDays() {
		java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		return "from=" + now.minus(Duration.ofDays(90)) + "&to=" + now;
	}

}
