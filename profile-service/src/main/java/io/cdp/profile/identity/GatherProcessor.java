package io.cdp.profile.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationResult;
import io.cdp.contract.privacy.IdentifierHash;
import io.cdp.contract.privacy.Suppression;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.contract.quarantine.QuarantinedRecord.Stages;
import io.cdp.profile.identity.IdentifierCommand.Lookup;
import io.cdp.profile.identity.ProfileCommand.Apply;
import io.cdp.profile.identity.ProfileCommand.Cause;
import io.cdp.profile.identity.ProfileCommand.Merge;
import io.cdp.profile.identity.ProfileCommand.Resolved;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jspecify.annotations.Nullable;

/**
 * Steps 0, 1 and 2 of identity resolution, keyed by messageId: drops an event already
 * seen within the dedupe window; normalises its identifiers; sends one lookup per
 * identifier to the identifier nodes (step 1), proposing a new profile for identifiers
 * seen for the first time; and, once every answer is back (step 2), sends the event to
 * the oldest of the profiles named and a merge to each other one.
 *
 * <p>
 * The fast path: when the global store of identifier assignments already knows every
 * identifier of the event, and all of them belong to one profile, the event goes to that
 * profile at once, without lookups. That store lags behind the identifier nodes (it holds
 * what their committed transactions said), and the answer it gives is one the identifier
 * nodes gave at some earlier time: identifiers that once pointed to one profile stay in
 * one person, and a profile the event reaches after it was merged forwards the event to
 * its survivor, exactly as a slow answer would have been handled. Only new identifiers,
 * identifiers of different profiles and alias guesses go through the lookup protocol.
 *
 * <p>
 * A waiting event is stored once; the answers gather in a small record of their own
 * ({@link PendingReplies}), so that each answer rewrites only that record.
 *
 * <p>
 * The proposed profile's id is derived from the messageId and its creation time is the
 * event's receipt time, so that the outcome depends only on the input, not on which
 * partition or instance processed what when.
 */
final class GatherProcessor implements Processor<String, Object, String, Object> {

	static final String DEDUPE_STORE = "gather-seen-message-ids";

	static final String PENDING_STORE = "gather-pending-events";

	static final String REPLIES_STORE = "gather-pending-replies";

	/**
	 * How many identifiers as sent each gather step keeps with their normalised form:
	 * about 300 bytes an entry, a few megabytes a task.
	 */
	static final int NORMALIZED_KEPT = 10_000;

	private final IdentifierNormalizer normalizer;

	private final Duration dedupeWindow;

	private final IdentityMetrics metrics;

	/** Writes an event as its topic holds it, to quarantine it as it arrived. */
	private final Serializer<CustomerEvent> events;

	private final RecentAssignments recent;

	/**
	 * Identifiers as sent → as normalised, empty when dropped or rejected, the most
	 * recently used kept: a person's identifiers come back event after event, and the
	 * blocked patterns and phone parsing give the same answer each time. One per task,
	 * used by its thread only.
	 */
	private final Map<Identifier, Optional<Identifier>> recentlyNormalized = new LinkedHashMap<>(1024, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Identifier, Optional<Identifier>> eldest) {
			return size() > NORMALIZED_KEPT;
		}

	};

	private final IdentityRules rules;

	private @Nullable ProcessorContext<String, Object> context;

	private @Nullable WindowStore<String, Long> seen;

	private @Nullable KeyValueStore<String, PendingEvent> pending;

	private @Nullable KeyValueStore<String, PendingReplies> replies;

	private @Nullable KeyValueStore<String, ProfileRef> assignments;

	private @Nullable KeyValueStore<String, HubIdentifier> hubs;

	private @Nullable KeyValueStore<String, Suppression> suppressions;

	private @Nullable QuarantineOutlet quarantine;

	GatherProcessor(IdentifierNormalizer normalizer, Duration dedupeWindow, IdentityMetrics metrics,
			Serializer<CustomerEvent> events, RecentAssignments recent, IdentityRules rules) {
		this.normalizer = normalizer;
		this.dedupeWindow = dedupeWindow;
		this.metrics = metrics;
		this.events = events;
		this.recent = recent;
		this.rules = rules;
	}

	@Override
	public void init(ProcessorContext<String, Object> context) {
		this.context = context;
		this.seen = context.getStateStore(DEDUPE_STORE);
		this.pending = context.getStateStore(PENDING_STORE);
		this.replies = context.getStateStore(REPLIES_STORE);
		this.assignments = context.getStateStore(GlobalStoreUpdater.ASSIGNMENTS_STORE);
		this.hubs = context.getStateStore(GlobalStoreUpdater.HUBS_STORE);
		this.suppressions = context.getStateStore(GlobalStoreUpdater.SUPPRESSIONS_STORE);
		this.quarantine = new QuarantineOutlet(context, Stages.IDENTITY_GATHER, ProfileTopology.GATHER_TO_QUARANTINE,
				this.metrics);
	}

	@Override
	public void process(Record<String, Object> record) {
		switch (record.value()) {
			case CustomerEvent event -> arrived(record, event);
			case LookupReply reply -> replied(reply, record.timestamp());
			case null -> {
				// A tombstone on the events topic carries no event.
			}
			default -> throw new IllegalStateException("Unexpected message " + record.value().getClass());
		}
	}

	/**
	 * Decides and writes, then marks the messageId as seen last: should anything on the
	 * way throw (the record is then quarantined and the task goes on, keeping what was
	 * written), the event replayed after a fix is not taken for a duplicate.
	 */
	private void arrived(Record<String, Object> record, CustomerEvent event) {
		if (seenBefore(event.messageId(), record.timestamp())) {
			return;
		}
		ProfileRef proposed = proposedProfile(event);
		Map<String, Lookup> lookups = new LinkedHashMap<>();
		List<Identifier> identifiers = new ArrayList<>();
		for (Identifier normalized : normalizedIdentifiers(event)) {
			Identifier identifier = storable(normalized);
			identifiers.add(identifier);
			// A hub stays on the event but links nobody: no lookup, so no profile holds
			// it for this event.
			if (!isHub(identifier)) {
				lookups.put(identifier.key(), new Lookup(event.messageId(), identifier, proposed, true));
			}
		}
		if (event.type() == EventType.ALIAS && event.previousId() != null) {
			addAliasLookups(event, proposed, lookups, identifiers);
		}
		if (suppressed(identifiers, lookups.values())) {
			// A privacy request suppressed the person: the event is dropped, not
			// quarantined, so that nothing of it is kept.
			this.metrics.eventSuppressed();
			store(this.seen).put(event.messageId(), record.timestamp(), record.timestamp());
			return;
		}
		if (lookups.isEmpty()) {
			withoutIdentifier(record, event);
		}
		else {
			CustomerEvent normalized = event.withIdentifiers(identifiers);
			List<LookupReply> known = new ArrayList<>(lookups.size());
			List<Lookup> unknown = new ArrayList<>(lookups.size());
			for (Lookup lookup : lookups.values()) {
				ProfileRef assigned = knownProfile(lookup.identifier());
				if (assigned != null) {
					known.add(new LookupReply(event.messageId(), lookup.identifier(), assigned));
				}
				else {
					unknown.add(lookup);
				}
			}
			if (unknown.isEmpty()) {
				// Every identifier is known: no lookups. The event goes to the profile
				// they name, with merges when they name several.
				decide(normalized, known, false);
				this.metrics.fastPath();
			}
			else {
				store(this.pending).put(event.messageId(), new PendingEvent(normalized, lookups.size(), List.of()));
				store(this.replies).put(event.messageId(), new PendingReplies(lookups.size(), known));
				unknown
					.forEach((lookup) -> context().forward(record.withKey(lookup.identifier().key()).withValue(lookup),
							ProfileTopology.GATHER_TO_LOOKUPS));
			}
		}
		store(this.seen).put(event.messageId(), record.timestamp(), record.timestamp());
	}

	/**
	 * The event's identifiers normalised, those dropped or rejected left out, in the
	 * order sent and each once, as {@link IdentifierNormalizer#normalizeAll} gives them.
	 */
	private Set<Identifier> normalizedIdentifiers(CustomerEvent event) {
		Set<Identifier> distinct = new LinkedHashSet<>();
		for (Identifier sent : event.identifiers()) {
			Optional<Identifier> known = this.recentlyNormalized.get(sent);
			if (known == null) {
				known = (this.normalizer.normalize(sent) instanceof NormalizationResult.Normalized(Identifier result))
						? Optional.of(result) : Optional.empty();
				this.recentlyNormalized.put(sent, known);
			}
			known.ifPresent(distinct::add);
		}
		return distinct;
	}

	/**
	 * An alias links its previous id to the user id. Segment leaves open whether the
	 * previous id was an anonymous id or an earlier user id, so it is taken as both: as
	 * an anonymous id, created if new and held by the profile, and as a user id, looked
	 * up without creating it, so that a user id rename links the profiles when the old
	 * user id is known. When it is not known yet, the profile that takes the alias claims
	 * it ({@link IdentifierCommand.Claim}), so a user id of that value seen later finds
	 * the same profile: the link is the same whichever comes first. The identity rules
	 * count such a user id with the anonymous id of the same value
	 * ({@link IdentityRules}).
	 */
	private void addAliasLookups(CustomerEvent event, ProfileRef proposed, Map<String, Lookup> lookups,
			List<Identifier> identifiers) {
		if (this.normalizer.normalize(IdentifierType.ANONYMOUS_ID,
				event.previousId()) instanceof NormalizationResult.Normalized(Identifier normalized)) {
			Identifier anonymous = storable(normalized);
			if (!lookups.containsKey(anonymous.key()) && !isHub(anonymous)) {
				identifiers.add(anonymous);
				lookups.put(anonymous.key(), new Lookup(event.messageId(), anonymous, proposed, true));
			}
		}
		if (this.normalizer.normalize(IdentifierType.USER_ID,
				event.previousId()) instanceof NormalizationResult.Normalized(Identifier normalized)) {
			Identifier user = storable(normalized);
			if (!lookups.containsKey(user.key()) && !isHub(user)) {
				lookups.put(user.key(), new Lookup(event.messageId(), user, proposed, false));
			}
		}
	}

	/**
	 * Whether any identifier of the event (or any looked up for it) is on the suppression
	 * list; the hashes are only computed while the list holds something.
	 */
	private boolean suppressed(List<Identifier> identifiers, Collection<Lookup> lookups) {
		KeyValueStore<String, Suppression> list = store(this.suppressions);
		if (list.approximateNumEntries() == 0) {
			return false;
		}
		for (Identifier identifier : identifiers) {
			if (list.get(IdentifierHash.of(identifier)) != null) {
				return true;
			}
		}
		for (Lookup lookup : lookups) {
			if (list.get(IdentifierHash.of(lookup.identifier())) != null) {
				return true;
			}
		}
		return false;
	}

	/** Whether the identifier was seen on too many profiles and links nobody now. */
	private boolean isHub(Identifier identifier) {
		return store(this.hubs).get(identifier.key()) != null;
	}

	/**
	 * The profile an identifier is known to belong to: the older of what this instance
	 * learned from recent answers and what the global store of assignments says, or null
	 * when neither knows it.
	 */
	private @Nullable ProfileRef knownProfile(Identifier identifier) {
		String key = identifier.key();
		ProfileRef recent = this.recent.get(key);
		if (recent != null) {
			// Never older than the global store's: the store's new values make it
			// forget.
			return recent;
		}
		long mark = this.recent.mark();
		ProfileRef assigned = store(this.assignments).get(key);
		if (assigned != null) {
			this.recent.keep(key, assigned, mark);
		}
		return assigned;
	}

	private void replied(LookupReply reply, long timestamp) {
		QuarantineOutlet outlet = store(this.quarantine);
		PendingReplies soFar = outlet.read(store(this.replies), REPLIES_STORE, reply.messageId(), timestamp);
		if (soFar == null) {
			repliedToEarlierVersion(reply, timestamp);
			return;
		}
		PendingReplies updated = soFar.with(reply);
		if (!updated.isComplete()) {
			store(this.replies).put(reply.messageId(), updated);
			return;
		}
		PendingEvent waiting = outlet.read(store(this.pending), PENDING_STORE, reply.messageId(), timestamp);
		forget(reply.messageId());
		if (waiting != null) {
			decide(waiting.event(), updated.replies(), true);
		}
	}

	/**
	 * A reply without a record of answers: either for an event that is no longer waiting
	 * (a duplicate answer), or for one that an earlier version of this step stored with
	 * its answers inside ({@link PendingEvent#replies}), which is finished that way.
	 */
	private void repliedToEarlierVersion(LookupReply reply, long timestamp) {
		PendingEvent waiting = store(this.quarantine).read(store(this.pending), PENDING_STORE, reply.messageId(),
				timestamp);
		if (waiting == null) {
			return;
		}
		PendingEvent updated = waiting.with(reply);
		if (!updated.isComplete()) {
			store(this.pending).put(reply.messageId(), updated);
			return;
		}
		forget(reply.messageId());
		decide(updated.event(), updated.replies(), true);
	}

	/**
	 * Drops a waiting event and its answers. A put of null rather than a delete: a delete
	 * reads and deserializes the old value only to return it.
	 */
	private void forget(String messageId) {
		store(this.replies).put(messageId, null);
		store(this.pending).put(messageId, null);
	}

	/**
	 * Sends the event to its anchor, the profile of its highest-priority identifier (the
	 * oldest such profile on a tie), and a merge of each other profile it names with the
	 * anchor, the younger offering itself to the older. Whether those merges happen is
	 * for the profiles to decide against the identity rules ({@link ProfileProcessor}).
	 * @param event the event
	 * @param replies its identifiers' profiles
	 * @param answered whether some of them are answers of the identifier nodes, which the
	 * instance then remembers; on the fast path all were known already
	 */
	private void decide(CustomerEvent event, List<LookupReply> replies, boolean answered) {
		Map<String, ProfileRef> pointedAt = new HashMap<>();
		TreeSet<ProfileRef> profiles = new TreeSet<>();
		List<Resolved> resolved = new ArrayList<>(replies.size());
		for (LookupReply reply : replies) {
			resolved.add(new Resolved(reply.identifier(), reply.profile()));
			if (reply.profile() != null) {
				profiles.add(reply.profile());
				pointedAt.put(reply.identifier().key(), reply.profile());
			}
		}
		ProfileRef anchor = anchor(event, pointedAt);
		ProfileRef proposed = proposedProfile(event);
		for (LookupReply reply : replies) {
			// Only identifiers known before this event: one created for it may yet be
			// refused by the rules and released.
			if (answered && anchor.equals(reply.profile()) && !proposed.equals(reply.profile())) {
				this.recent.put(reply.identifier().key(), anchor);
			}
		}
		long timestamp = event.receivedAt().toEpochMilli();
		forward(anchor.profileId(), new Apply(anchor, event, resolved), timestamp);
		profiles.remove(anchor);
		if (profiles.isEmpty()) {
			return;
		}
		Cause cause = new Cause(event.messageId(), event.occurredAt(),
				(event.type() == EventType.ALIAS) ? event.previousId() : null, resolved);
		for (ProfileRef other : profiles) {
			Merge merge = new Merge(other, anchor, cause).between(other, anchor);
			forward(merge.target().profileId(), merge, timestamp);
		}
	}

	/**
	 * The profile of the event's highest-priority identifier, the oldest on a tie; the
	 * event's proposed profile when none of its own identifiers points anywhere.
	 */
	private ProfileRef anchor(CustomerEvent event, Map<String, ProfileRef> pointedAt) {
		@Nullable ProfileRef anchor = null;
		@Nullable Identifier best = null;
		for (Identifier identifier : event.identifiers()) {
			ProfileRef profile = pointedAt.get(identifier.key());
			if (profile == null) {
				continue;
			}
			if (this.rules.decidesBefore(identifier, anchor != null && profile.isOlderThan(anchor), best)) {
				best = identifier;
				anchor = profile;
			}
		}
		if (anchor != null) {
			return anchor;
		}
		return pointedAt.values().stream().min(ProfileRef::compareTo).orElseGet(() -> proposedProfile(event));
	}

	/**
	 * The identifier with unpaired surrogates and control characters replaced by U+FFFD,
	 * as every later step will see it: the key it is routed by must be the same text the
	 * identifier node, the profile and PostgreSQL hold, and a Kafka key cannot carry an
	 * unpaired surrogate (its UTF-8 encoder turns it into {@code ?}).
	 */
	private static Identifier storable(Identifier identifier) {
		String value = QuarantinedRecord.safeText(identifier.value(), Integer.MAX_VALUE);
		return value.equals(identifier.value()) ? identifier : new Identifier(identifier.type(), value);
	}

	/**
	 * The profile an event proposes for its identifiers seen for the first time: its id
	 * derived from the messageId, its creation time the event's receipt.
	 */
	static ProfileRef proposedProfile(CustomerEvent event) {
		return new ProfileRef(proposedProfileId(event.messageId()), event.receivedAt());
	}

	/** The id of the profile an event proposes. */
	static String proposedProfileId(String messageId) {
		return UUID.nameUUIDFromBytes(("profile:" + messageId).getBytes(StandardCharsets.UTF_8)).toString();
	}

	private void forward(String key, ProfileCommand command, long timestamp) {
		context().forward(new Record<String, Object>(key, command, timestamp), ProfileTopology.GATHER_TO_COMMANDS);
	}

	private boolean seenBefore(String messageId, long timestamp) {
		long window = this.dedupeWindow.toMillis();
		// The milliseconds form: the Instant form formats an error message's prefix with
		// String.format on every call, before it checks anything (1.4 % of the service's
		// samples under load).
		try (WindowStoreIterator<Long> earlier = store(this.seen).fetch(messageId, timestamp - window,
				timestamp + window)) {
			return earlier.hasNext();
		}
	}

	/**
	 * An event none of whose identifiers is usable cannot join any profile: it is
	 * quarantined as it arrived, for a replay once the normalisation rules change.
	 */
	private void withoutIdentifier(Record<String, Object> record, CustomerEvent event) {
		store(this.quarantine).current(IdentityMetrics.NO_IDENTIFIER,
				"The event has no usable identifier once normalised (all empty, placeholders, blocked, invalid or hubs)",
				record.key(), this.events.serialize("", event), record.timestamp());
	}

	private ProcessorContext<String, Object> context() {
		return store(this.context);
	}

	private static <T> T store(@Nullable T initialised) {
		if (initialised == null) {
			throw new IllegalStateException("The processor is used before init");
		}
		return initialised;
	}

}
