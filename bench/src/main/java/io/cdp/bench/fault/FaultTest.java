package io.cdp.bench.fault;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.cdp.bench.stack.Pause;
import org.jspecify.annotations.Nullable;

/**
 * The run: the load starts, warms up, then each fault in turn is injected, the piece it
 * hit is started again, recovery is waited for and the load runs steadily for a while
 * before the next one. Then the load stops, the pipeline is given time to drain, and the
 * store is audited.
 */
final class FaultTest {

	private static final Duration LOAD_STOP_GRACE = Duration.ofSeconds(60);

	private static final Duration DRAIN_INTERVAL = Duration.ofSeconds(5);

	private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(15);

	private final FaultOptions options;

	private final StackControl control;

	private final StoreCheck store;

	private final SdkLoad load;

	private final MessageIds ids;

	private final Consumer<String> progress;

	private final @Nullable EmbeddedPostgresServer postgres;

	/**
	 * The phase of the run each event was made in, by the first sequence number of each.
	 */
	private final NavigableMap<Long, String> phases = new TreeMap<>();

	FaultTest(FaultOptions options, StackControl control, StoreCheck store, SdkLoad load, MessageIds ids,
			@Nullable EmbeddedPostgresServer postgres, Consumer<String> progress) {
		this.options = options;
		this.control = control;
		this.store = store;
		this.load = load;
		this.ids = ids;
		this.postgres = postgres;
		this.progress = progress;
	}

	Outcome run() throws SQLException {
		this.phases.put(0L, "warm-up");
		this.load.start();
		this.progress
			.accept("Load: %d events/s in /v1/batch requests of %d through the gateway, %d clients; warm-up %d s"
				.formatted(this.options.rate(), this.options.batchSize(), this.options.connections(),
						this.options.warmup().toSeconds()));
		steady(this.options.warmup());
		List<FaultResult> faults = new ArrayList<>();
		for (FaultKind kind : this.options.faults()) {
			FaultResult result = inject(kind);
			faults.add(result);
			this.progress.accept("  %s: ready after %s s, events flowing again after %s s%s".formatted(kind.component(),
					seconds(result.readyAfter()), seconds(result.flowingAfter()),
					result.error().isEmpty() ? "" : "; " + result.error()));
			steady(this.options.settle());
		}
		this.progress.accept("Stopping the load (clients finish the batch they are retrying, up to "
				+ LOAD_STOP_GRACE.toSeconds() + " s)");
		this.load.stop(LOAD_STOP_GRACE);
		DrainOutcome drain = drain();
		this.progress.accept("Auditing the store");
		StoreAudit audit = StoreAudit.of(this.load.accepted(), this.store.rowsByEvent(), this.phases, this.ids);
		return new Outcome(faults, drain, audit);
	}

	private FaultResult inject(FaultKind kind) {
		LoadFigures before = this.load.figures();
		Long backlog = backlog();
		Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		long faultNanos = System.nanoTime();
		Duration down = kind.killsProcess() ? this.options.restartDelay() : this.options.postgresOutage();
		try {
			if (kind.killsProcess()) {
				long pid = this.control.kill(kind.component());
				this.progress.accept("Fault: kill -9 %s (pid %d); restart in %d s".formatted(kind.component(), pid,
						down.toSeconds()));
			}
			else {
				requirePostgres().stop(this.control.log("fault-pg_ctl.log"));
				this.progress.accept(
						"Fault: PostgreSQL stopped (pg_ctl stop -m fast); start in %d s".formatted(down.toSeconds()));
			}
		}
		catch (RuntimeException ex) {
			return result(kind, at, backlog, down, before, null, null, "could not inject: " + ex.getMessage());
		}
		// Only events made from now on show a recovery: the fault has taken hold.
		long firstSequence = this.load.nextSequence();
		this.phases.put(firstSequence, "after " + kind.action());
		RecoveryWatch watch = RecoveryWatch.start(kind, faultNanos, firstSequence, this.control, this.store, this.load);
		Pause.of(down);
		Double restartedAfter = null;
		String error = "";
		try {
			if (kind.killsProcess()) {
				this.control.restart(kind.component());
			}
			else {
				requirePostgres().start(this.control.log("fault-pg_ctl.log"), this.control.log("postgres-server.log"));
			}
			restartedAfter = (System.nanoTime() - faultNanos) / 1e9;
		}
		catch (RuntimeException ex) {
			error = "restart failed: " + ex.getMessage();
		}
		if (!watch.await(faultNanos + this.options.recoveryTimeout().toNanos())) {
			error = (error.isEmpty() ? "" : error + "; ") + "not recovered within "
					+ this.options.recoveryTimeout().toSeconds() + " s of the fault";
		}
		return result(kind, at, backlog, down, before, restartedAfter, watch, error);
	}

	/** A fault's figures, with the load's counters from the fault until now. */
	private FaultResult result(FaultKind kind, Instant at, @Nullable Long backlog, Duration down, LoadFigures before,
			@Nullable Double restartedAfter, @Nullable RecoveryWatch watch, String error) {
		LoadFigures after = this.load.figures();
		return new FaultResult(kind.component(), kind.action(), at.toString(), backlog, down.toSeconds(),
				restartedAfter, (watch != null) ? watch.readyAfter() : null,
				(watch != null) ? watch.flowingAfter() : null, after.requests() - before.requests(),
				after.requestsNotOk() - before.requestsNotOk(), after.eventsAccepted() - before.eventsAccepted(),
				error);
	}

	/**
	 * Accepted events not yet stored, so that a fault's losses can be told from its
	 * backlog.
	 */
	private @Nullable Long backlog() {
		try {
			return Math.max(0, this.load.accepted().size() - this.store.rows());
		}
		catch (SQLException ex) {
			return null;
		}
	}

	private EmbeddedPostgresServer requirePostgres() {
		if (this.postgres == null) {
			throw new IllegalStateException("no embedded PostgreSQL to stop");
		}
		return this.postgres;
	}

	/** Lets the load run, with a line of progress now and then. */
	private void steady(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			Pause.of(Duration.ofNanos(Math.min(PROGRESS_INTERVAL.toNanos(), end - System.nanoTime())));
			LoadFigures figures = this.load.figures();
			this.progress.accept("  load: %,d events made, %,d accepted, %,d requests without a 200"
				.formatted(figures.eventsMade(), figures.eventsAccepted(), figures.requestsNotOk()));
		}
	}

	/**
	 * Waits until the store holds every accepted event, or it gained nothing for the
	 * stall timeout (a stage that stopped working), or the drain timeout passed.
	 */
	private DrainOutcome drain() {
		long started = System.nanoTime();
		long deadline = started + this.options.drainTimeout().toNanos();
		long lastProgress = started;
		long lastReport = started;
		long rows = -1;
		int accepted = this.load.accepted().size();
		this.progress.accept("Waiting for the pipeline to store the %,d accepted events".formatted(accepted));
		while (true) {
			long now = System.nanoTime();
			try {
				long counted = this.store.rows();
				if (counted != rows) {
					rows = counted;
					lastProgress = now;
				}
				if (rows >= accepted
						&& StoreAudit.of(this.load.accepted(), this.store.rowsByEvent(), this.phases, this.ids)
							.missing() == 0) {
					return new DrainOutcome("drained", (now - started) / 1e9, rows);
				}
			}
			catch (SQLException ex) {
				this.progress.accept("  cannot count the stored events: " + ex.getMessage());
			}
			if (now - lastProgress > this.options.stallTimeout().toNanos()) {
				return new DrainOutcome(
						"stalled: the store gained nothing for " + this.options.stallTimeout().toSeconds() + " s",
						(now - started) / 1e9, rows);
			}
			if (now > deadline) {
				return new DrainOutcome("timed out", (now - started) / 1e9, rows);
			}
			if (now - lastReport > PROGRESS_INTERVAL.toNanos()) {
				this.progress
					.accept("  %,d of %,d accepted events stored so far".formatted(Math.max(rows, 0), accepted));
				lastReport = now;
			}
			Pause.of(DRAIN_INTERVAL);
		}
	}

	private static String seconds(@Nullable Double seconds) {
		return (seconds == null) ? "—" : "%.1f".formatted(seconds);
	}

	/**
	 * How the run ended.
	 *
	 * @param faults each fault's result
	 * @param drain how the wait for the pipeline ended
	 * @param audit the store's audit
	 */
	record Outcome(List<FaultResult> faults, DrainOutcome drain, StoreAudit audit) {

	}

}
