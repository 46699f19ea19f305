package io.cdp.profile.merge;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.profile.ProfileRef;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.profile.ProfileState.IdentifierRecord;
import io.cdp.contract.profile.ProfileState.TraitValue;
import io.cdp.profile.cx.CxRecorder;
import io.cdp.profile.cx.CxRules;
import org.jspecify.annotations.Nullable;

/**
 * The business rules of a profile, free of Kafka: how an event changes a profile and how
 * two profiles combine when they turn out to be one person. Both operations are
 * commutative and associative in everything they keep (sets, sums, minimum and maximum
 * times, newest trait by time then message id), so the result does not depend on the
 * order events and merges arrive in, which is what makes the partitioned protocol safe.
 * The customer-experience facts follow the same discipline ({@link CxRecorder}), and so
 * do consent answers among events; a merge resolves differing answers to the denial
 * ({@link ConsentRecorder}).
 */
public final class ProfileMerger {

	private ProfileMerger() {
	}

	/**
	 * The profile after one more event of the person, with normalised identifiers, under
	 * the default customer-experience rules.
	 */
	public static ProfileState apply(ProfileState profile, CustomerEvent event) {
		return apply(profile, event, event.identifiers(), CxRules.defaults());
	}

	/**
	 * The profile after one more event of the person, holding only some of the event's
	 * identifiers, under the default customer-experience rules.
	 * @param profile the profile
	 * @param event the event, with normalised identifiers
	 * @param held the identifiers of the event the profile holds (or goes on holding)
	 * @return the new state
	 */
	public static ProfileState apply(ProfileState profile, CustomerEvent event, Collection<Identifier> held) {
		return apply(profile, event, held, CxRules.defaults());
	}

	/**
	 * The profile after one more event of the person, holding only some of the event's
	 * identifiers: those the identity rules let link to it.
	 * @param profile the profile
	 * @param event the event, with normalised identifiers
	 * @param held the identifiers of the event the profile holds (or goes on holding)
	 * @param cx the customer-experience rules in force
	 * @return the new state
	 */
	public static ProfileState apply(ProfileState profile, CustomerEvent event, Collection<Identifier> held,
			CxRules cx) {
		Map<String, IdentifierRecord> identifiers = new HashMap<>(profile.identifiers());
		for (Identifier identifier : held) {
			IdentifierRecord seen = new IdentifierRecord(identifier.type().name(), identifier.value(),
					event.occurredAt(), event.occurredAt(), Set.of(event.sourceId()));
			identifiers.merge(identifier.key(), seen, ProfileMerger::combine);
		}
		Map<String, TraitValue> traits = new HashMap<>(profile.traits());
		if (event.type() == EventType.IDENTIFY) {
			event.traits()
				.forEach((name, value) -> traits.merge(name,
						new TraitValue(value, event.sourceId(), event.occurredAt(), event.messageId()), newest()));
		}
		return new ProfileState(profile.profileId(), profile.createdAt(), profile.version() + 1, profile.mergedInto(),
				identifiers, traits, earliest(profile.firstSeen(), event.occurredAt()),
				latest(profile.lastSeen(), event.occurredAt()), profile.eventCount() + 1,
				increment(profile.eventsByChannel(), event.channel().wireName()),
				increment(profile.eventsByType(), event.type().wireName()), profile.mergedProfileIds(),
				aliases(profile.aliases(), event), CxRecorder.record(profile.cx(), event, cx), profile.journeyStatus(),
				profile.computedTraits(), ConsentRecorder.record(profile.consent(), event, cx));
	}

	/**
	 * The surviving profile after the loser's history joined it, under the default
	 * customer-experience rules.
	 */
	public static ProfileState absorb(ProfileState winner, ProfileState loser) {
		return absorb(winner, loser, CxRules.defaults());
	}

	/**
	 * The surviving profile after the loser's history joined it. It keeps its own
	 * computed trait values until they are computed again over the joined history.
	 * @param winner the surviving profile
	 * @param loser the profile merged into it
	 * @param cx the customer-experience rules in force
	 * @return the survivor's new state
	 */
	public static ProfileState absorb(ProfileState winner, ProfileState loser, CxRules cx) {
		Map<String, IdentifierRecord> identifiers = new HashMap<>(winner.identifiers());
		loser.identifiers().forEach((key, record) -> identifiers.merge(key, record, ProfileMerger::combine));
		Map<String, TraitValue> traits = new HashMap<>(winner.traits());
		loser.traits().forEach((name, trait) -> traits.merge(name, trait, newest()));
		Set<String> merged = new HashSet<>(winner.mergedProfileIds());
		merged.addAll(loser.mergedProfileIds());
		merged.add(loser.profileId());
		Set<String> aliases = new HashSet<>(winner.aliases());
		aliases.addAll(loser.aliases());
		return new ProfileState(winner.profileId(), winner.createdAt(), winner.version() + 1, winner.mergedInto(),
				identifiers, traits, earliest(winner.firstSeen(), loser.firstSeen()),
				latest(winner.lastSeen(), loser.lastSeen()), winner.eventCount() + loser.eventCount(),
				sum(winner.eventsByChannel(), loser.eventsByChannel()),
				sum(winner.eventsByType(), loser.eventsByType()), merged, aliases,
				CxRecorder.combine(winner.cx(), loser.cx(), cx), winner.journeyStatus(), winner.computedTraits(),
				ConsentRecorder.combine(winner.consent(), loser.consent()));
	}

	/**
	 * What is left of a profile merged into another: its pointer, for resolving its id.
	 */
	public static ProfileState mergedInto(ProfileState loser, ProfileRef winner) {
		return new ProfileState(loser.profileId(), loser.createdAt(), loser.version() + 1, winner, Map.of(), Map.of(),
				null, null, 0, Map.of(), Map.of(), Set.of());
	}

	/**
	 * The aliases after an event: an alias event adds its previous id, as identity
	 * resolution holds it (trimmed).
	 */
	private static Set<String> aliases(Set<String> aliases, CustomerEvent event) {
		return withAlias(aliases, aliasPreviousId(event));
	}

	/**
	 * An alias event's previous id as identity resolution holds it (trimmed).
	 * @param event the event
	 * @return the previous id, or null for another event or a blank one
	 */
	public static @Nullable String aliasPreviousId(CustomerEvent event) {
		if (event.type() != EventType.ALIAS || event.previousId() == null || event.previousId().isBlank()) {
			return null;
		}
		return event.previousId().strip();
	}

	/**
	 * The aliases of a profile, and an alias's previous id deciding now.
	 * @param aliases the previous ids the profile holds
	 * @param previousId an alias's previous id, or null
	 * @return both, trimmed
	 */
	public static Set<String> withAlias(Set<String> aliases, @Nullable String previousId) {
		if (previousId == null || previousId.isBlank()) {
			return aliases;
		}
		Set<String> all = new HashSet<>(aliases);
		all.add(previousId.strip());
		return all;
	}

	/**
	 * An identifier as one event shows it.
	 * @param identifier the identifier
	 * @param event the event
	 * @return its record, first and last seen at the event's time
	 */
	public static IdentifierRecord seen(Identifier identifier, CustomerEvent event) {
		return new IdentifierRecord(identifier.type().name(), identifier.value(), event.occurredAt(),
				event.occurredAt(), Set.of(event.sourceId()));
	}

	/**
	 * One identifier as two histories show it: seen first and last over both, from the
	 * sources of both.
	 * @param a one record
	 * @param b the other
	 * @return the combined record
	 */
	public static IdentifierRecord combine(IdentifierRecord a, IdentifierRecord b) {
		Set<String> sources = new HashSet<>(a.sources());
		sources.addAll(b.sources());
		return new IdentifierRecord(a.type(), a.value(), min(a.firstSeen(), b.firstSeen()),
				max(a.lastSeen(), b.lastSeen()), sources);
	}

	private static BinaryOperator<TraitValue> newest() {
		return (current, candidate) -> candidate.isNewerThan(current) ? candidate : current;
	}

	private static Map<String, Long> increment(Map<String, Long> counts, String key) {
		Map<String, Long> result = new HashMap<>(counts);
		result.merge(key, 1L, Long::sum);
		return result;
	}

	private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
		Map<String, Long> result = new HashMap<>(a);
		b.forEach((key, count) -> result.merge(key, count, Long::sum));
		return result;
	}

	private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
		return (a == null) ? b : (b == null || a.isBefore(b)) ? a : b;
	}

	private static @Nullable Instant latest(@Nullable Instant a, @Nullable Instant b) {
		return (a == null) ? b : (b == null || a.isAfter(b)) ? a : b;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
