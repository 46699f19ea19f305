package io.cdp.profile.identity;

import io.cdp.contract.quarantine.QuarantinedRecord.Reasons;
import io.cdp.contract.quarantine.QuarantinedRecord.Stages;
import io.cdp.profile.quarantine.QuarantinedRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the identity topology counts: events resolved onto a profile, those of them that
 * took the fast path, merges, and records quarantined by stage and reason
 * ({@code cdp.quarantine}, shared with the exception handlers and the store writer).
 * Counted as records are processed, so a task that is retried after a failure
 * (exactly-once aborts and replays its transaction) may count a few twice; the stored
 * result is exact, the rates are for dashboards.
 */
final class IdentityMetrics {

	/**
	 * The reason code of an event none of whose identifiers is usable once normalised.
	 */
	static final String NO_IDENTIFIER = "no-identifier";

	private final Counter events;

	private final Counter merges;

	private final Counter fastPath;

	private final Counter refused;

	private final Counter hubs;

	private final Counter splits;

	private final Counter statusChanges;

	private final Counter computedTraitsTaken;

	private final Counter computedTraitsUnchanged;

	private final Counter audiencesEntered;

	private final Counter audiencesLeft;

	private final Counter audienceBackfills;

	private final Counter historiesWhole;

	private final Counter forgotten;

	private final Counter suppressed;

	private final Counter historiesPartial;

	private final Counter parked;

	private final MeterRegistry meters;

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
		this.fastPath = Counter.builder("cdp.identity.fast.path")
			.description("Events sent straight to the profile all their identifiers already belong to, without lookups")
			.register(meters);
		this.parked = Counter.builder("cdp.identity.commands.parked")
			.description("Commands that reached a profile while it waited for the answer to its offer (or for its "
					+ "first state), and were kept until then")
			.register(meters);
		this.refused = Counter.builder("cdp.identity.links.refused")
			.description("Links the identity rules refused: merges and identifiers that would break a limit")
			.register(meters);
		this.hubs = Counter.builder("cdp.identity.hubs")
			.description("Identifier values seen on more profiles than the hub threshold, which stopped linking")
			.register(meters);
		this.splits = Counter.builder("cdp.identity.splits")
			.description("Profiles split back into the people their history shows")
			.register(meters);
		this.statusChanges = Counter.builder("cdp.identity.journey.status.rechecked")
			.description("Profiles published again because the person's silence made them at risk or churned")
			.register(meters);
		this.computedTraitsTaken = Counter.builder("cdp.identity.computed-traits")
			.tag("outcome", "taken")
			.description("Computed trait values handed to the profiles: taken as a new version, or not (the same "
					+ "values, or a profile merged away since)")
			.register(meters);
		this.audiencesEntered = Counter.builder("cdp.audience.membership.changes")
			.tag("change", "entered")
			.description("Profiles that entered or left an audience")
			.register(meters);
		this.audiencesLeft = Counter.builder("cdp.audience.membership.changes")
			.tag("change", "left")
			.description("Profiles that entered or left an audience")
			.register(meters);
		this.audienceBackfills = Counter.builder("cdp.audience.backfills")
			.description("Backfills of a new, changed or deleted audience ended, per task")
			.register(meters);
		this.forgotten = Counter.builder("cdp.identity.forgotten")
			.description("Profile states (active and merged pointers) deleted by privacy requests")
			.register(meters);
		this.suppressed = Counter.builder("cdp.identity.suppressed")
			.description("Events dropped because one of their identifiers is suppressed by a privacy request")
			.register(meters);
		this.historiesWhole = Counter.builder("cdp.audience.history.reads")
			.tag("outcome", "whole")
			.description("Profiles whose stored events an audience's backfill counted, holding every event applied")
			.register(meters);
		this.historiesPartial = Counter.builder("cdp.audience.history.reads")
			.tag("outcome", "partial")
			.description("Profiles whose stored events an audience's backfill counted after its last re-read,"
					+ " still missing some events applied")
			.register(meters);
		this.computedTraitsUnchanged = Counter.builder("cdp.identity.computed-traits")
			.tag("outcome", "dropped")
			.description("Computed trait values handed to the profiles: taken as a new version, or not (the same "
					+ "values, or a profile merged away since)")
			.register(meters);
		this.meters = meters;
		// Registered up front so that dashboards show a zero rather than nothing.
		QuarantinedRecords.counter(meters, Stages.IDENTITY_GATHER, Reasons.UNREADABLE);
		QuarantinedRecords.counter(meters, Stages.IDENTITY_GATHER, NO_IDENTIFIER);
		QuarantinedRecords.counter(meters, Stages.IDENTITY_PROFILE, Reasons.UNREADABLE_STATE);
	}

	/** Counters nobody reads, for topologies built in tests. */
	public static IdentityMetrics unregistered() {
		return new IdentityMetrics(new SimpleMeterRegistry());
	}

	void eventResolved() {
		this.events.increment();
	}

	void fastPath() {
		this.fastPath.increment();
	}

	void commandParked() {
		this.parked.increment();
	}

	void profileMerged() {
		this.merges.increment();
	}

	void linkRefused() {
		this.refused.increment();
	}

	void profileSplit() {
		this.splits.increment();
	}

	void statusRechecked() {
		this.statusChanges.increment();
	}

	void computedTraitsTaken() {
		this.computedTraitsTaken.increment();
	}

	void computedTraitsUnchanged() {
		this.computedTraitsUnchanged.increment();
	}

	void audienceEntered() {
		this.audiencesEntered.increment();
	}

	void audienceLeft() {
		this.audiencesLeft.increment();
	}

	void audienceBackfilled() {
		this.audienceBackfills.increment();
	}

	void audienceHistoryRead(boolean whole) {
		(whole ? this.historiesWhole : this.historiesPartial).increment();
	}

	void profileForgotten() {
		this.forgotten.increment();
	}

	void eventSuppressed() {
		this.suppressed.increment();
	}

	void hubFound() {
		this.hubs.increment();
	}

	void quarantined(String stage, String reason) {
		QuarantinedRecords.counter(this.meters, stage, reason).increment();
	}

}
