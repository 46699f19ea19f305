package io.cdp.profile.split;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileState.IdentifierRecord;
import io.cdp.profile.cx.CxRules;
import io.cdp.profile.identity.IdentityRules;
import io.cdp.profile.merge.ProfileMerger;
import org.jspecify.annotations.Nullable;

/**
 * Works out how a profile splits: its history re-resolved one event at a time, in the
 * order the events happened, under the identity rules as they are now, with the
 * identifiers that stop linking (detached, blocked since, hubs) left out. Free of Kafka
 * and PostgreSQL.
 *
 * <p>
 * The re-resolution is the topology's, sequentially: an event joins the group of its
 * highest-priority identifier (the older group on ties; an identifier no group holds yet
 * starts a new group, the youngest), adds its new identifiers in priority order as long
 * as the group keeps its limits, and joins the other groups its identifiers belong to
 * when the union keeps the limits. Only identifiers the profile holds now take part: one
 * it was refused before stays refused.
 *
 * <p>
 * The group holding the event that created the profile keeps the profile's id (the
 * largest group when that event links nobody any more); every other group becomes a new
 * profile, created a millisecond earlier per group than the profile, so that it is older
 * and its identifiers move to it the way identifiers move after a merge. Events that no
 * longer carry a linking identifier stay with the profile. An id that was merged into the
 * profile goes with the group that holds most of its events.
 */
public final class SplitPlanner {

	private static final Comparator<StoredEvent> IN_ORDER = Comparator
		.comparing((StoredEvent stored) -> stored.event().occurredAt())
		.thenComparing((stored) -> stored.event().receivedAt())
		.thenComparing((stored) -> stored.event().messageId());

	private final IdentityRules rules;

	private final CxRules cx;

	/**
	 * A planner for the given rules, counting customer-experience facts under the default
	 * rules.
	 * @param rules the limits and priorities the history is re-resolved under
	 */
	public SplitPlanner(IdentityRules rules) {
		this(rules, CxRules.defaults());
	}

	/**
	 * A planner for the given rules.
	 * @param rules the limits and priorities the history is re-resolved under
	 * @param cx the rules the customer-experience facts of the groups are counted under
	 */
	public SplitPlanner(IdentityRules rules, CxRules cx) {
		this.rules = rules;
		this.cx = cx;
	}

	/**
	 * Plans a split.
	 * @param request the profile, its history and what stops linking
	 * @return the groups, the events that move and the ids that point elsewhere
	 */
	public SplitPlan plan(SplitRequest request) {
		Predicate<String> links = (key) -> request.held().contains(key) && !request.unlinked().test(key);
		List<StoredEvent> events = new ArrayList<>(request.events());
		events.sort(IN_ORDER);
		List<Group> groups = new ArrayList<>();
		Map<String, Group> owners = new HashMap<>();
		List<StoredEvent> orphans = new ArrayList<>();
		for (StoredEvent stored : events) {
			CustomerEvent event = stored.event();
			Map<String, Identifier> own = new LinkedHashMap<>();
			for (Identifier identifier : event.identifiers()) {
				if (links.test(identifier.key())) {
					own.putIfAbsent(identifier.key(), identifier);
				}
			}
			List<Identifier> linking = new ArrayList<>(own.values());
			String previousId = ProfileMerger.aliasPreviousId(event);
			if (previousId != null) {
				// An alias's previous id joins the user id of that value, too.
				Identifier user = Identifier.of(IdentifierType.USER_ID.name(), previousId);
				if (links.test(user.key()) && !own.containsKey(user.key())) {
					linking.add(user);
				}
			}
			// An identifier no group holds yet belongs to a new group, the youngest, as a
			// new identifier belongs to the profile its event proposes.
			Group fresh = new Group(Integer.MAX_VALUE);
			Group anchor = null;
			Identifier best = null;
			Set<Group> others = new LinkedHashSet<>();
			for (Identifier identifier : linking) {
				Group owner = find(owners.get(identifier.key()));
				if (owner == null) {
					if (!own.containsKey(identifier.key())) {
						// An alias's previous id taken as a user id only joins one
						// that exists.
						continue;
					}
					owner = fresh;
				}
				else {
					others.add(owner);
				}
				if (this.rules.decidesBefore(identifier, anchor != null && owner.order < anchor.order, best)) {
					anchor = owner;
					best = identifier;
				}
			}
			if (anchor == null) {
				orphans.add(stored);
				continue;
			}
			if (anchor == fresh) {
				anchor = new Group(groups.size());
				groups.add(anchor);
			}
			others.remove(anchor);
			if (previousId != null) {
				// Unknown yet, the previous id taken as a user id is claimed by the group
				// that took the alias, so that its own events, whenever they come, join
				// it.
				Identifier user = Identifier.of(IdentifierType.USER_ID.name(), previousId);
				if (links.test(user.key()) && owners.get(user.key()) == null) {
					owners.put(user.key(), anchor);
				}
			}
			admit(anchor, own.values(), owners, event);
			anchor.events.add(stored);
			List<Group> byAge = new ArrayList<>(others);
			byAge.sort(Comparator.comparingInt((Group group) -> group.order));
			for (Group other : byAge) {
				Group current = find(anchor);
				Group joined = find(other);
				if (current != joined) {
					union(current, joined, event, previousId);
				}
			}
		}
		return finish(request, groups, orphans);
	}

	/**
	 * Adds an event's identifiers to its group: those it holds already, and the new ones
	 * in priority order as long as the group keeps the rules.
	 */
	private void admit(Group group, Iterable<Identifier> identifiers, Map<String, Group> owners, CustomerEvent event) {
		List<Identifier> candidates = new ArrayList<>();
		for (Identifier identifier : identifiers) {
			Group owner = find(owners.get(identifier.key()));
			if (owner == group && group.trial.containsKey(identifier.key())) {
				group.trial.merge(identifier.key(), ProfileMerger.seen(identifier, event), ProfileMerger::combine);
			}
			else if (owner == null || owner == group) {
				// New, or claimed by the group through an alias but not held yet.
				candidates.add(identifier);
			}
		}
		candidates.sort(this.rules.byPriority());
		List<IdentifierRecord> before = List.copyOf(group.trial.values());
		Set<String> aliases = ProfileMerger.withAlias(group.aliases, ProfileMerger.aliasPreviousId(event));
		for (Identifier candidate : candidates) {
			IdentifierRecord seen = ProfileMerger.seen(candidate, event);
			group.trial.put(candidate.key(), seen);
			if (this.rules.violation(group.trial.values(), List.of(before), aliases, event.occurredAt(), 0) == null) {
				owners.put(candidate.key(), group);
			}
			else {
				group.trial.remove(candidate.key());
				owners.remove(candidate.key());
			}
		}
		group.aliases = aliases;
	}

	/** Joins two groups into the older one, when the union keeps the rules. */
	private void union(Group a, Group b, CustomerEvent event, @Nullable String previousId) {
		Group older = (a.order < b.order) ? a : b;
		Group younger = (older == a) ? b : a;
		Map<String, IdentifierRecord> union = new HashMap<>(older.trial);
		younger.trial.forEach((key, record) -> union.merge(key, record, ProfileMerger::combine));
		Set<String> aliases = new HashSet<>(older.aliases);
		aliases.addAll(younger.aliases);
		String violation = this.rules.violation(union.values(), List.of(older.trial.values(), younger.trial.values()),
				ProfileMerger.withAlias(aliases, previousId), event.occurredAt(), 0);
		if (violation != null) {
			return;
		}
		older.trial.clear();
		older.trial.putAll(union);
		older.aliases = aliases;
		older.events.addAll(younger.events);
		younger.events.clear();
		younger.parent = older;
	}

	private SplitPlan finish(SplitRequest request, List<Group> all, List<StoredEvent> orphans) {
		List<Group> groups = new ArrayList<>();
		for (Group group : all) {
			if (group.parent == null && !group.events.isEmpty()) {
				groups.add(group);
			}
		}
		Group kept = keptGroup(request, groups);
		if (kept == null) {
			kept = new Group(-1);
			groups.add(kept);
		}
		kept.events.addAll(orphans);
		// The profile's group first, the others in the order they appeared.
		groups.remove(kept);
		groups.add(0, kept);
		Map<Group, ProfileRef> refs = new LinkedHashMap<>();
		ProfileRef survivor = request.survivor();
		for (int index = 0; index < groups.size(); index++) {
			refs.put(groups.get(index), (index == 0) ? survivor : newProfile(request.splitId(), survivor, index));
		}
		Map<Group, Set<String>> mergedIds = new HashMap<>();
		Map<String, ProfileRef> redirects = new LinkedHashMap<>();
		for (String mergedId : request.mergedIds()) {
			Group home = kept;
			long most = 0;
			for (Group group : groups) {
				long count = group.events.stream().filter((stored) -> stored.profileId().equals(mergedId)).count();
				if (count > most) {
					home = group;
					most = count;
				}
			}
			mergedIds.computeIfAbsent(home, (group) -> new HashSet<>()).add(mergedId);
			if (home != kept) {
				redirects.put(mergedId, refs.get(home));
			}
		}
		List<PlannedGroup> planned = new ArrayList<>();
		List<MovedEvent> moved = new ArrayList<>();
		Set<String> stillHeld = new HashSet<>();
		for (Group group : groups) {
			ProfileRef ref = refs.get(group);
			Set<String> ids = mergedIds.getOrDefault(group, Set.of());
			group.events.sort(IN_ORDER);
			ProfileState state = ProfileState.empty(ref);
			List<String> messageIds = new ArrayList<>();
			for (StoredEvent stored : group.events) {
				List<Identifier> held = new ArrayList<>();
				for (Identifier identifier : stored.event().identifiers()) {
					if (group.trial.containsKey(identifier.key())) {
						held.add(identifier);
					}
				}
				state = ProfileMerger.apply(state, stored.event(), held, this.cx);
				messageIds.add(stored.event().messageId());
				if (!stored.profileId().equals(ref.profileId()) && !ids.contains(stored.profileId())) {
					moved.add(new MovedEvent(stored.event().messageId(), stored.event().occurredAt(), ref.profileId()));
				}
			}
			stillHeld.addAll(state.identifiers().keySet());
			planned.add(new PlannedGroup(new ProfileState(ref.profileId(), ref.createdAt(), state.version(), null,
					state.identifiers(), state.traits(), state.firstSeen(), state.lastSeen(), state.eventCount(),
					state.eventsByChannel(), state.eventsByType(), ids, state.aliases(), state.cx(), null, null,
					state.consent()), messageIds));
		}
		List<String> dropped = request.held().stream().filter((key) -> !stillHeld.contains(key)).sorted().toList();
		return new SplitPlan(planned, dropped, redirects, moved);
	}

	/**
	 * The group that keeps the profile's id: the one holding the event that created the
	 * profile (its earliest received), else the largest.
	 */
	private static @Nullable Group keptGroup(SplitRequest request, List<Group> groups) {
		String survivorId = request.survivor().profileId();
		StoredEvent creating = null;
		for (StoredEvent stored : request.events()) {
			if (stored.profileId().equals(survivorId)
					&& (creating == null || IN_ORDER_RECEIVED.compare(stored, creating) < 0)) {
				creating = stored;
			}
		}
		Group largest = null;
		for (Group group : groups) {
			if (creating != null && group.events.contains(creating)) {
				return group;
			}
			if (largest == null || group.events.size() > largest.events.size()) {
				largest = group;
			}
		}
		return largest;
	}

	private static final Comparator<StoredEvent> IN_ORDER_RECEIVED = Comparator
		.comparing((StoredEvent stored) -> stored.event().receivedAt())
		.thenComparing((stored) -> stored.event().messageId());

	/**
	 * A profile a split makes: its id derived from the split, created a millisecond per
	 * group before the profile split, so that it is older.
	 */
	static ProfileRef newProfile(String splitId, ProfileRef survivor, int index) {
		String id = UUID.nameUUIDFromBytes(("split:" + splitId + ":" + index).getBytes(StandardCharsets.UTF_8))
			.toString();
		return new ProfileRef(id, survivor.createdAt().minusMillis(index));
	}

	private static @Nullable Group find(@Nullable Group group) {
		Group root = group;
		while (root != null && root.parent != null) {
			root = root.parent;
		}
		return root;
	}

	/** A group of events being re-resolved: the identifiers it holds, by key. */
	private static final class Group {

		final int order;

		final Map<String, IdentifierRecord> trial = new HashMap<>();

		final List<StoredEvent> events = new ArrayList<>();

		Set<String> aliases = Set.of();

		@Nullable Group parent;

		Group(int order) {
			this.order = order;
		}

	}

	/**
	 * What a split starts from.
	 *
	 * @param splitId the split's id, from which the new profiles' ids derive
	 * @param survivor the profile to split
	 * @param mergedIds the ids merged into it
	 * @param held the identifiers it holds ({@code type:value})
	 * @param unlinked identifiers that stop linking: detached, blocked by the rules as
	 * they are now, hubs
	 * @param events its whole history, each with the profile id its row has
	 */
	public record SplitRequest(String splitId, ProfileRef survivor, Set<String> mergedIds, Set<String> held,
			Predicate<String> unlinked, List<StoredEvent> events) {

		public SplitRequest {
			mergedIds = Set.copyOf(mergedIds);
			held = Set.copyOf(held);
			events = List.copyOf(events);
		}

	}

	/**
	 * One event of the history.
	 *
	 * @param profileId the profile id its row has (the profile that took it)
	 * @param event the event as resolved
	 */
	public record StoredEvent(String profileId, CustomerEvent event) {

	}

	/**
	 * The result.
	 *
	 * @param groups the profiles the profile splits into, its own first
	 * @param dropped identifiers it holds that no group holds
	 * @param redirects merged ids whose history went to another group, and its profile
	 * @param moved event rows whose profile id changes
	 */
	public record SplitPlan(List<PlannedGroup> groups, List<String> dropped, Map<String, ProfileRef> redirects,
			List<MovedEvent> moved) {

		/**
		 * Every id merged into the profile, with the profile of its group: the profile
		 * itself for those that stay, so that each points at its group directly.
		 * @return merged id → profile
		 */
		public Map<String, ProfileRef> homes() {
			Map<String, ProfileRef> homes = new LinkedHashMap<>();
			for (PlannedGroup group : this.groups) {
				group.state().mergedProfileIds().forEach((id) -> homes.put(id, group.state().ref()));
			}
			return homes;
		}

	}

	/**
	 * One profile of a split.
	 *
	 * @param state its state, rebuilt from its events
	 * @param messageIds its events
	 */
	public record PlannedGroup(ProfileState state, List<String> messageIds) {

	}

	/**
	 * An event row that goes to another profile id.
	 *
	 * @param messageId the event
	 * @param occurredAt its time (with the message id, the row's key)
	 * @param profileId the profile id it gets
	 */
	public record MovedEvent(String messageId, Instant occurredAt, String profileId) {

	}

}
