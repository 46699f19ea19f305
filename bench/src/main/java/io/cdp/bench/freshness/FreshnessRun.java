package io.cdp.bench.freshness;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.http.Exchange;
import io.cdp.bench.ingest.EventBodies;
import io.cdp.bench.stack.BenchAccess;
import io.cdp.bench.stack.Pause;
import io.cdp.bench.stack.Stack;
import io.cdp.bench.stats.LatencySummary;
import io.cdp.bench.stats.MeasuredWindow;
import io.cdp.contract.caller.CallerHeader;
import org.HdrHistogram.Histogram;

/**
 * Sends a steady background load of the population's events ({@link BackgroundLoad}), and
 * meanwhile probes: each prober sends one track event for a known person to
 * {@code /v1/track}, then asks for that person's newest history page until the event is
 * on it, and records the time from the ingest's 200 to that answer (probes start after
 * the warm-up). The probe is timestamped now, so it is the newest event of the history
 * and on the first page as soon as it is stored.
 */
public final class FreshnessRun {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Stack stack;

	private final BenchAccess access;

	private final EventBodies bodies;

	private final List<ProbeTarget> targets;

	private final Settings settings;

	/**
	 * Creates the run.
	 * @param stack the stack
	 * @param access the credentials
	 * @param bodies the background events
	 * @param targets the people to probe, more than there are probers
	 * @param settings rates and durations
	 */
	public FreshnessRun(Stack stack, BenchAccess access, EventBodies bodies, List<ProbeTarget> targets,
			Settings settings) {
		if (targets.size() < settings.probers()) {
			throw new IllegalArgumentException("fewer people to probe than probers");
		}
		this.stack = stack;
		this.access = access;
		this.bodies = bodies;
		this.targets = List.copyOf(targets);
		this.settings = settings;
	}

	/**
	 * Runs the background load and the probes.
	 * @return the result
	 */
	public FreshnessResult run() {
		MeasuredWindow window = MeasuredWindow.after(this.settings.warmup(), this.settings.window());
		List<Prober> probers = new ArrayList<>();
		for (int index = 0; index < this.settings.probers(); index++) {
			probers.add(new Prober(index, window));
		}
		long accepted;
		try (BackgroundLoad background = new BackgroundLoad(this.stack, this.access, this.bodies,
				this.settings.backgroundRate(), window)) {
			MeasuredWindow.runAll("bench-prober", probers);
			accepted = background.accepted();
		}
		return new FreshnessResult(this.settings.backgroundRate(), accepted / window.seconds(), this.settings.probers(),
				this.settings.pollInterval().toMillis(), window.seconds(),
				probers.stream().mapToLong((prober) -> prober.sent).sum(),
				probers.stream().mapToLong((prober) -> prober.timedOut).sum(),
				LatencySummary.of(probers.stream().map((prober) -> prober.latencies).toList()));
	}

	private final class Prober implements Runnable {

		private final int index;

		private final MeasuredWindow window;

		private final BenchHttp http = new BenchHttp();

		final Histogram latencies = LatencySummary.histogram();

		long sent;

		long timedOut;

		Prober(int index, MeasuredWindow window) {
			this.index = index;
			this.window = window;
		}

		@Override
		public void run() {
			// Probes start with the window: one sent in the warm-up and answered after a
			// slow pipeline's long lag could leave the window with no probe counted.
			Pause.of(Duration.ofNanos(Math.max(0, this.window.start() - System.nanoTime())));
			int probers = FreshnessRun.this.settings.probers();
			for (int round = 0; this.window.open(); round++) {
				List<ProbeTarget> targets = FreshnessRun.this.targets;
				probe(targets.get((this.index + round * probers) % targets.size()));
			}
		}

		private void probe(ProbeTarget target) {
			String messageId = FreshnessRun.this.bodies.nextId();
			String body = """
					{"messageId": "%s", "userId": "%s", "event": "Freshness Probe", "timestamp": "%s",
					 "properties": {"bench": true}}""".formatted(messageId, target.userId(),
					Instant.now().truncatedTo(ChronoUnit.MILLIS));
			Exchange accepted = this.http.post(FreshnessRun.this.stack.ingest().resolve("/v1/track"),
					FreshnessRun.this.access.writeAuthorization(), body);
			long acceptedAt = System.nanoTime();
			if (!accepted.ok()) {
				Pause.of(FreshnessRun.this.settings.pollInterval());
				return;
			}
			boolean counted = this.window.inside(acceptedAt);
			URI history = FreshnessRun.this.stack.profile()
				.resolve("/v1/profiles/" + target.profileId() + "/events?limit=10");
			long deadline = acceptedAt + TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				Exchange page = this.http.get(history, CallerHeader.NAME, FreshnessRun.this.access.callerHeader());
				if (page.ok() && page.body().contains(messageId)) {
					if (counted) {
						this.sent++;
						this.latencies.recordValue(System.nanoTime() - acceptedAt);
					}
					return;
				}
				Pause.of(FreshnessRun.this.settings.pollInterval());
			}
			if (counted) {
				// Left out, a probe that never showed would flatter the percentiles: it
				// counts as the timeout, a lower bound of its real freshness.
				this.sent++;
				this.timedOut++;
				this.latencies.recordValue(TIMEOUT.toNanos());
			}
		}

	}

	/**
	 * How the freshness is measured.
	 *
	 * @param backgroundRate background events a second
	 * @param probers probes in flight at once
	 * @param pollInterval how often a probe asks the profile API
	 * @param warmup how long the background load runs before probes count
	 * @param window how long probes count
	 */
	public record Settings(int backgroundRate, int probers, Duration pollInterval, Duration warmup, Duration window) {

	}

}
