package io.cdp.bench.fault;

import java.sql.SQLException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Watches, from the moment a fault was injected, for the two signs of recovery: the piece
 * the fault hit is ready again, and events flow end to end again — an event made after
 * the fault, accepted through the gateway, is in the serving store. Only events made once
 * the fault took hold count, so a request in flight when it struck cannot pass for a
 * recovery.
 */
final class RecoveryWatch {

	private static final Duration INTERVAL = Duration.ofMillis(500);

	/**
	 * Enough of the first events accepted after the fault to see the first one stored.
	 */
	private static final int EVENTS_LOOKED_FOR = 500;

	private final FaultKind kind;

	private final long faultNanos;

	private final long firstSequence;

	private final StackControl control;

	private final StoreCheck store;

	private final SdkLoad load;

	private volatile @Nullable Double readyAfter;

	private volatile @Nullable Double flowingAfter;

	private volatile boolean stopped;

	private RecoveryWatch(FaultKind kind, long faultNanos, long firstSequence, StackControl control, StoreCheck store,
			SdkLoad load) {
		this.kind = kind;
		this.faultNanos = faultNanos;
		this.firstSequence = firstSequence;
		this.control = control;
		this.store = store;
		this.load = load;
	}

	/**
	 * Starts watching.
	 * @param kind the fault
	 * @param faultNanos when it was injected ({@link System#nanoTime()})
	 * @param firstSequence the first event made after it took hold
	 * @param control the stack
	 * @param store the store
	 * @param load the load
	 * @return the watch
	 */
	static RecoveryWatch start(FaultKind kind, long faultNanos, long firstSequence, StackControl control,
			StoreCheck store, SdkLoad load) {
		RecoveryWatch watch = new RecoveryWatch(kind, faultNanos, firstSequence, control, store, load);
		Thread.ofPlatform().name("fault-recovery-watch").daemon().start(watch::run);
		return watch;
	}

	/**
	 * Waits until both signs were seen, or the deadline passed, and stops watching.
	 * @param deadlineNanos the deadline ({@link System#nanoTime()})
	 * @return whether both were seen
	 */
	boolean await(long deadlineNanos) {
		while (!recovered() && System.nanoTime() < deadlineNanos) {
			sleep();
		}
		this.stopped = true;
		return recovered();
	}

	/**
	 * Seconds from the fault until the piece was ready.
	 * @return the time, null when not seen
	 */
	@Nullable Double readyAfter() {
		return this.readyAfter;
	}

	/**
	 * Seconds from the fault until an event made after it was stored.
	 * @return the time, null when not seen
	 */
	@Nullable Double flowingAfter() {
		return this.flowingAfter;
	}

	private boolean recovered() {
		return this.readyAfter != null && this.flowingAfter != null;
	}

	private void run() {
		while (!this.stopped && !recovered()) {
			if (this.readyAfter == null && this.control.ready(this.kind)) {
				this.readyAfter = secondsSinceFault();
			}
			if (this.flowingAfter == null && flowing()) {
				this.flowingAfter = secondsSinceFault();
			}
			sleep();
		}
	}

	private boolean flowing() {
		try {
			return this.store.anyStored(this.load.acceptedFrom(this.firstSequence, EVENTS_LOOKED_FOR));
		}
		catch (SQLException ex) {
			// PostgreSQL is away, which is what some faults are about: look again later.
			return false;
		}
	}

	private double secondsSinceFault() {
		return (System.nanoTime() - this.faultNanos) / 1e9;
	}

	private static void sleep() {
		try {
			Thread.sleep(INTERVAL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
