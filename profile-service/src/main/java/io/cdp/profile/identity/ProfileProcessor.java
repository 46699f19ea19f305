package io.cdp.profile.identity;

import java.time.Instant;

import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileMerged;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.quarantine.QuarantinedRecord.Stages;
import io.cdp.profile.identity.IdentifierCommand.Repoint;
import io.cdp.profile.identity.ProfileCommand.Absorb;
import io.cdp.profile.identity.ProfileCommand.Apply;
import io.cdp.profile.identity.ProfileCommand.Merge;
import io.cdp.profile.identity.ProfileCommand.Resolved;
import io.cdp.profile.merge.ProfileMerger;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Step 3 of identity resolution, keyed by profile id. An active profile takes events and
 * the history of profiles merged into it, and publishes itself after each change. A
 * merged profile keeps a forwarding pointer to an older profile and passes on whatever
 * still reaches it. When a profile is merged it re-points its identifiers to the survivor
 * and hands over its history.
 */
final class ProfileProcessor implements Processor<String, ProfileCommand, String, Object> {

	static final String PROFILE_STORE = "profiles";

	private final IdentityMetrics metrics;

	private @Nullable ProcessorContext<String, Object> context;

	private @Nullable KeyValueStore<String, ProfileState> profiles;

	private @Nullable QuarantineOutlet quarantine;

	ProfileProcessor(IdentityMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public void init(ProcessorContext<String, Object> context) {
		this.context = context;
		this.profiles = context.getStateStore(PROFILE_STORE);
		this.quarantine = new QuarantineOutlet(context, Stages.IDENTITY_PROFILE, ProfileTopology.PROFILE_TO_QUARANTINE,
				this.metrics);
	}

	@Override
	public void process(Record<String, ProfileCommand> record) {
		if (this.quarantine == null) {
			throw new IllegalStateException("The processor is used before init");
		}
		ProfileState current = this.quarantine.read(store(), PROFILE_STORE, record.value().target().profileId(),
				record.timestamp());
		switch (record.value()) {
			case Apply apply -> apply(record, apply, current);
			case Merge merge -> merge(record, merge, current);
			case Absorb absorb -> absorb(record, absorb, current);
		}
	}

	private void apply(Record<String, ProfileCommand> record, Apply apply, @Nullable ProfileState current) {
		if (current != null && current.mergedInto() != null) {
			forwardCommand(record, new Apply(current.mergedInto(), apply.event(), apply.resolved()));
			return;
		}
		ProfileRef self = apply.target();
		ProfileState updated = ProfileMerger.apply((current != null) ? current : ProfileState.empty(self),
				apply.event());
		save(record, updated);
		context().forward(record.withKey(self.profileId()).withValue(new ProfileEvent(self.profileId(), apply.event())),
				ProfileTopology.PROFILE_TO_PROFILE_EVENTS);
		this.metrics.eventResolved();
		for (Resolved resolved : apply.resolved()) {
			if (resolved.profile() != null && !resolved.profile().equals(self)) {
				repoint(record, resolved.identifier(), self);
			}
		}
	}

	private void merge(Record<String, ProfileCommand> record, Merge merge, @Nullable ProfileState current) {
		ProfileRef loser = merge.target();
		ProfileRef winner = merge.winner();
		if (winner.equals(loser)) {
			return;
		}
		if (loser.isOlderThan(winner)) {
			forwardCommand(record, new Merge(winner, loser, merge.causeMessageId()));
			return;
		}
		if (current == null) {
			// Proposed for an event whose own command has not arrived yet: only a
			// pointer, but published like any state, since other merged profiles may
			// point through it.
			save(record, ProfileMerger.mergedInto(ProfileState.empty(loser), winner));
			return;
		}
		ProfileRef pointer = current.mergedInto();
		if (pointer != null) {
			if (pointer.equals(winner)) {
				return;
			}
			if (winner.isOlderThan(pointer)) {
				save(record, ProfileMerger.mergedInto(current, winner));
				forwardCommand(record, new Merge(pointer, winner, merge.causeMessageId()));
			}
			else {
				forwardCommand(record, new Merge(winner, pointer, merge.causeMessageId()));
			}
			return;
		}
		save(record, ProfileMerger.mergedInto(current, winner));
		forwardCommand(record, new Absorb(winner, current, merge.causeMessageId()));
		context().forward(record.withKey(loser.profileId())
			.withValue(new ProfileMerged(loser.profileId(), winner.profileId(), merge.causeMessageId(),
					Instant.ofEpochMilli(record.timestamp()))),
				ProfileTopology.PROFILE_TO_MERGES);
		this.metrics.profileMerged();
	}

	private void absorb(Record<String, ProfileCommand> record, Absorb absorb, @Nullable ProfileState current) {
		if (current != null && current.mergedInto() != null) {
			forwardCommand(record, new Absorb(current.mergedInto(), absorb.loser(), absorb.causeMessageId()));
			return;
		}
		ProfileState base = (current != null) ? current : ProfileState.empty(absorb.target());
		save(record, ProfileMerger.absorb(base, absorb.loser()));
		// Re-pointed from here, where the history finally landed, rather than by the
		// loser: the winner it named may itself have been merged meanwhile.
		absorb.loser()
			.identifiers()
			.values()
			.forEach((id) -> repoint(record, Identifier.of(id.type(), id.value()), absorb.target()));
	}

	private void save(Record<String, ProfileCommand> record, ProfileState profile) {
		store().put(profile.profileId(), profile);
		context().forward(record.withKey(profile.profileId()).withValue(profile), ProfileTopology.PROFILE_TO_PROFILES);
	}

	private void forwardCommand(Record<String, ProfileCommand> record, ProfileCommand command) {
		context().forward(record.withKey(command.target().profileId()).withValue(command),
				ProfileTopology.PROFILE_TO_COMMANDS);
	}

	private void repoint(Record<String, ProfileCommand> record, Identifier identifier, ProfileRef target) {
		context().forward(record.withKey(identifier.key()).withValue(new Repoint(identifier, target)),
				ProfileTopology.PROFILE_TO_LOOKUPS);
	}

	private KeyValueStore<String, ProfileState> store() {
		if (this.profiles == null) {
			throw new IllegalStateException("The processor is used before init");
		}
		return this.profiles;
	}

	private ProcessorContext<String, Object> context() {
		if (this.context == null) {
			throw new IllegalStateException("The processor is used before init");
		}
		return this.context;
	}

}
