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
 * identifier of the population ({@code lookup}) or the first history page of a random
 * profile ({@code events}, the API's default page of 50).
 */
public final class LookupLatencyRun {

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
	 * @param endpoint {@code lookup} or {@code events}
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
			URI uri = endpoint.equals("lookup")
					? base.resolve("/v1/profiles/lookup?identifier="
							+ BenchHttp.encode(this.identifiers.get(random.nextInt(this.identifiers.size()))))
					: base.resolve(
							"/v1/profiles/" + this.profileIds.get(random.nextInt(this.profileIds.size())) + "/events");
			return new Outcome(direct ? http.get(uri, CallerHeader.NAME, this.access.callerHeader())
					: http.get(uri, "Authorization", this.access.gatewayAuthorization()), 1);
		};
	}

}
