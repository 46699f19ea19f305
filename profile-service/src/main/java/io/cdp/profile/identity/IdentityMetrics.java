package io.cdp.profile.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the identity topology counts: events resolved onto a profile, merges, and events
 * sent to the dead-letter topic by reason. Counted as records are processed, so a task
 * that is retried after a failure (exactly-once aborts and replays its transaction) may
 * count a few twice; the stored result is exact, the rates are for dashboards.
 */
public final class IdentityMetrics {

	private final Counter events;

	private final Counter merges;

	private final Counter unreadable;

	private final Counter withoutIdentifier;

	/**
	 * Registers the counters.
	 * @param meters where they go
	 */
	public IdentityMetrics(MeterRegistry meters) {
		this.events = Counter.builder("cdp.identity.events")
			.description("Events resolved onto a profile")
			.register(meters);
		this.merges = Counter.builder("cdp.identity.merges")
			.description("Profiles merged into an older profile of the same person")
			.register(meters);
		this.unreadable = deadLetters(meters, "unreadable");
		this.withoutIdentifier = deadLetters(meters, "no-identifier");
	}

	/** Counters nobody reads, for topologies built in tests. */
	public static IdentityMetrics unregistered() {
		return new IdentityMetrics(new SimpleMeterRegistry());
	}

	void eventResolved() {
		this.events.increment();
	}

	void profileMerged() {
		this.merges.increment();
	}

	void unreadable() {
		this.unreadable.increment();
	}

	void withoutIdentifier() {
		this.withoutIdentifier.increment();
	}

	private static Counter deadLetters(MeterRegistry meters, String reason) {
		return Counter.builder("cdp.identity.dead-letters")
			.description("Events the identity topology sent to the dead-letter topic")
			.tag("reason", reason)
			.register(meters);
	}

}
