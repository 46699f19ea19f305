package io.cdp.profile.identity;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.quarantine.QuarantinedRecord.Stages;
import io.cdp.profile.identity.IdentifierCommand.Claim;
import io.cdp.profile.identity.IdentifierCommand.Detach;
import io.cdp.profile.identity.IdentifierCommand.Forget;
import io.cdp.profile.identity.IdentifierCommand.Lookup;
import io.cdp.profile.identity.IdentifierCommand.Refusal;
import io.cdp.profile.identity.IdentifierCommand.Release;
import io.cdp.profile.identity.IdentifierCommand.Repoint;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Step 1 of identity resolution, keyed by identifier: the identifier node knows which
 * profile its identifier belongs to. A lookup is answered with that profile (the proposed
 * one, on first sight); a re-point after a merge moves the identifier to an older
 * profile, never to a newer one, so re-points arriving late or twice change nothing.
 * Every change of a pointer is also published on the assignments topic, which feeds the
 * global store of the gather step's fast path.
 */
final class IdentifierProcessor implements Processor<String, IdentifierCommand, String, Object> {

	static final String IDENTIFIER_STORE = "identifier-profiles";

	/** The links refused through each identifier, towards the hub threshold. */
	static final String REFUSALS_STORE = "identifier-refused-links";

	private @Nullable ProcessorContext<String, Object> context;

	private final IdentityMetrics metrics;

	private final IdentityRules rules;

	private @Nullable KeyValueStore<String, ProfileRef> profiles;

	private @Nullable KeyValueStore<String, RefusedLinks> refusals;

	private @Nullable QuarantineOutlet quarantine;

	IdentifierProcessor(IdentityMetrics metrics, IdentityRules rules) {
		this.metrics = metrics;
		this.rules = rules;
	}

	@Override
	public void init(ProcessorContext<String, Object> context) {
		this.context = context;
		this.profiles = context.getStateStore(IDENTIFIER_STORE);
		this.refusals = context.getStateStore(REFUSALS_STORE);
		this.quarantine = new QuarantineOutlet(context, Stages.IDENTITY_IDENTIFIER,
				ProfileTopology.IDENTIFIER_TO_QUARANTINE, this.metrics);
	}

	@Override
	public void process(Record<String, IdentifierCommand> record) {
		KeyValueStore<String, ProfileRef> store = initialised(this.profiles);
		String key = record.value().identifier().key();
		ProfileRef current = initialised(this.quarantine).read(store, IDENTIFIER_STORE, key, record.timestamp());
		switch (record.value()) {
			case Lookup lookup -> {
				ProfileRef answer = current;
				if (answer == null && lookup.createIfAbsent() && !isHub(key, record.timestamp())) {
					answer = lookup.proposed();
					assign(record, store, key, answer);
				}
				initialised(this.context).forward(
						record.withKey(lookup.messageId())
							.withValue(new LookupReply(lookup.messageId(), lookup.identifier(), answer)),
						ProfileTopology.IDENTIFIER_TO_REPLIES);
			}
			case Repoint repoint -> {
				if ((current == null && !isHub(key, record.timestamp()))
						|| (current != null && repoint.target().isOlderThan(current))) {
					assign(record, store, key, repoint.target());
				}
			}
			case Claim claim -> {
				if (current == null) {
					// A hub, or detached: claimed by nobody.
					if (!isHub(key, record.timestamp())) {
						assign(record, store, key, claim.profile());
					}
				}
				else if (!current.equals(claim.profile())) {
					ProfileCommand.Merge merge = new ProfileCommand.Merge(claim.profile(), current, claim.cause())
						.between(claim.profile(), current);
					initialised(this.context).forward(record.withKey(merge.target().profileId()).withValue(merge),
							ProfileTopology.IDENTIFIER_TO_COMMANDS);
				}
			}
			case Refusal refusal -> refused(record, key, refusal, current);
			case Detach detach -> detach(record, key, detach, current);
			case Forget forget -> {
				if (current != null) {
					store.delete(key);
					initialised(this.context).forward(record.withKey(key).withValue(null),
							ProfileTopology.IDENTIFIER_TO_ASSIGNMENTS);
				}
				RefusedLinks links = initialised(this.refusals).get(key);
				if (links != null && !links.hub()) {
					initialised(this.refusals).delete(key);
				}
			}
			case Release release -> {
				if (release.profile().equals(current)) {
					store.put(key, null);
					initialised(this.context).forward(record.withKey(key).withValue(null),
							ProfileTopology.IDENTIFIER_TO_ASSIGNMENTS);
				}
			}
		}
	}

	/**
	 * Counts the distinct profiles seen with the identifier (its holder and those refused
	 * through it); past the hub threshold it becomes a hub, published for every
	 * instance's gather step, which stops linking through it.
	 */
	private void refused(Record<String, IdentifierCommand> record, String key, Refusal refusal,
			@Nullable ProfileRef current) {
		KeyValueStore<String, RefusedLinks> store = initialised(this.refusals);
		RefusedLinks known = initialised(this.quarantine).read(store, REFUSALS_STORE, key, record.timestamp());
		if (known != null && known.hub()) {
			return;
		}
		LinkedHashSet<String> seen = new LinkedHashSet<>((known != null) ? known.profileIds() : List.of());
		if (current != null) {
			seen.add(current.profileId());
		}
		seen.add(refusal.profileId());
		boolean hub = seen.size() > this.rules.hubThreshold();
		store.put(key, new RefusedLinks(List.copyOf(seen), hub));
		if (hub) {
			initialised(this.context).forward(
					record.withKey(key)
						.withValue(new HubIdentifier(key, List.copyOf(seen), Instant.ofEpochMilli(record.timestamp()))),
					ProfileTopology.IDENTIFIER_TO_HUBS);
			this.metrics.hubFound();
		}
	}

	/**
	 * Whether the identifier stopped linking: a hub, or detached by a split. The gather
	 * steps learn it through the hubs topic, a little later; until then this node creates
	 * no pointer for it, so a lookup in between links nobody. Read only for an identifier
	 * without a pointer.
	 */
	private boolean isHub(String key, long timestamp) {
		RefusedLinks links = initialised(this.quarantine).read(initialised(this.refusals), REFUSALS_STORE, key,
				timestamp);
		return links != null && links.hub();
	}

	/**
	 * A split detached the identifier: it forgets its profile and becomes a hub, which
	 * every instance's gather step stops looking up.
	 */
	private void detach(Record<String, IdentifierCommand> record, String key, Detach detach,
			@Nullable ProfileRef current) {
		if (current != null) {
			initialised(this.profiles).put(key, null);
			initialised(this.context).forward(record.withKey(key).withValue(null),
					ProfileTopology.IDENTIFIER_TO_ASSIGNMENTS);
		}
		initialised(this.refusals).put(key, new RefusedLinks(detach.profileIds(), true));
		initialised(this.context).forward(record.withKey(key)
			.withValue(new HubIdentifier(key, detach.profileIds(), Instant.ofEpochMilli(record.timestamp()),
					HubIdentifier.DETACHED + detach.splitId())),
				ProfileTopology.IDENTIFIER_TO_HUBS);
	}

	/**
	 * Points the identifier at a profile, and publishes the assignment for the global
	 * store of the gather step's fast path, in the same transaction.
	 */
	private void assign(Record<String, IdentifierCommand> record, KeyValueStore<String, ProfileRef> store, String key,
			ProfileRef profile) {
		store.put(key, profile);
		initialised(this.context).forward(record.withKey(key).withValue(profile),
				ProfileTopology.IDENTIFIER_TO_ASSIGNMENTS);
	}

	private static <T> T initialised(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("The processor is used before init");
		}
		return value;
	}

}
