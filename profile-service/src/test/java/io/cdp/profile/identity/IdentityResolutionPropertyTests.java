package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationRules;
import io.cdp.contract.profile.ProfileState;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On random event streams delivered in random partitioned orders, with rules that never
 * refuse a link, the protocol (the merge handshake included) groups people exactly as a
 * plain in-memory union-find over the identifiers does, counts every event once, and
 * leaves every merged-away id resolving to its survivor.
 */
class IdentityResolutionPropertyTests {

	/**
	 * Few identifiers, so that random events link often; some differ only before
	 * normalising.
	 */
	private static final List<String> IDENTIFIERS = List.of("user_id:u0", "user_id:u1", "user_id:u2", "anonymous_id:a0",
			"anonymous_id:a1", "anonymous_id:a2", "anonymous_id:a3", "email:e0@example.com", "email:E0@Example.com ",
			"email:e1@example.com", "email:e2@example.com", "phone:+14155550120", "phone:(415) 555-0121",
			"phone:+1 415 555 0121", "device_id:d0", "device_id:d1", "device_id:d2");

	private static final Instant START = Instant.parse("2026-05-01T00:00:00Z");

	/**
	 * Rules that never refuse a link: the merge handshake alone must give the connected
	 * components ({@link RuledIdentityPropertyTests} checks the default rules).
	 */
	static final IdentityRules UNLIMITED = new IdentityRules(Map.of("user_id", 1_000), 1_000, Map.of(),
			IdentityRules.DEFAULT_PRIORITY, Map.of(), false, 10_000, 100_000, Integer.MAX_VALUE);

	private final IdentifierNormalizer normalizer = new IdentifierNormalizer(NormalizationRules.defaults());

	@Property(tries = 250)
	void groupsPeopleAsTheConnectedComponentsOfTheirIdentifiers(@ForAll("eventStreams") List<EventSpec> stream,
			@ForAll @Size(max = 6) List<@IntRange(min = 0, max = 59) Integer> redeliveries,
			@ForAll @IntRange(min = 1, max = 4) int partitions, @ForAll long schedule) {
		List<CustomerEvent> events = events(stream);
		try (SimulatedCluster cluster = new SimulatedCluster(partitions, schedule, UNLIMITED)) {
			events.forEach(cluster::send);
			for (int index : redeliveries) {
				CustomerEvent original = events.get(index % events.size());
				cluster.send(TestEvents.redelivered(original, original.receivedAt().plus(Duration.ofMinutes(3))));
			}
			cluster.runUntilQuiet();
			checkAgainstUnionFind(events, cluster);
		}
	}

	private void checkAgainstUnionFind(List<CustomerEvent> events, SimulatedCluster cluster) {
		UnionFind expected = new UnionFind();
		Map<String, String> firstIdentifierOfEvent = new LinkedHashMap<>();
		for (CustomerEvent event : events) {
			List<String> keys = normalizedKeys(event);
			keys.forEach((key) -> expected.union(keys.get(0), key));
			firstIdentifierOfEvent.put(event.messageId(), keys.get(0));
		}

		Map<String, ProfileState> states = cluster.profileStates();
		assertThat(cluster.publishedProfiles()).as("every stored profile state is published").isEqualTo(states);
		Map<String, String> profileOfEvent = cluster.profileOfEvent();
		assertThat(profileOfEvent).containsOnlyKeys(firstIdentifierOfEvent.keySet());

		Map<String, Set<String>> expectedGroups = new HashMap<>();
		Map<String, Set<String>> actualGroups = new HashMap<>();
		firstIdentifierOfEvent.forEach((messageId, identifier) -> {
			expectedGroups.computeIfAbsent(expected.find(identifier), (root) -> new HashSet<>()).add(messageId);
			actualGroups
				.computeIfAbsent(SimulatedCluster.survivor(states, profileOfEvent.get(messageId)).profileId(),
						(id) -> new HashSet<>())
				.add(messageId);
		});
		assertThat(new HashSet<>(actualGroups.values())).isEqualTo(new HashSet<>(expectedGroups.values()));

		List<ProfileState> active = states.values().stream().filter((state) -> state.mergedInto() == null).toList();
		assertThat(active).hasSameSizeAs(expectedGroups.keySet());
		for (ProfileState profile : active) {
			Set<String> grouped = actualGroups.get(profile.profileId());
			assertThat(grouped).as("events of active profile %s", profile.profileId()).isNotNull();
			assertThat(profile.eventCount()).isEqualTo(grouped.size());
			String root = expected.find(firstIdentifierOfEvent.get(grouped.iterator().next()));
			assertThat(profile.identifiers().keySet()).isEqualTo(expected.members(root));
		}
		states.keySet()
			.forEach((profileId) -> assertThat(SimulatedCluster.survivor(states, profileId).mergedInto()).isNull());
		cluster.identifierPointers()
			.forEach((identifier,
					pointer) -> assertThat(SimulatedCluster.survivor(states, pointer.profileId()).identifiers())
						.as("profile that %s points at", identifier)
						.containsKey(identifier));
	}

	@Provide
	Arbitrary<List<EventSpec>> eventStreams() {
		Arbitrary<List<Integer>> identifiers = Arbitraries.integers()
			.between(0, IDENTIFIERS.size() - 1)
			.list()
			.ofMinSize(1)
			.ofMaxSize(3);
		Arbitrary<Integer> receivedOffset = Arbitraries.integers().between(0, 600);
		return Combinators.combine(identifiers, receivedOffset, Arbitraries.of(Channel.values()))
			.as(EventSpec::new)
			.list()
			.ofMinSize(1)
			.ofMaxSize(40);
	}

	private List<CustomerEvent> events(List<EventSpec> stream) {
		List<CustomerEvent> events = new ArrayList<>();
		for (int index = 0; index < stream.size(); index++) {
			EventSpec spec = stream.get(index);
			Instant receivedAt = START.plus(Duration.ofSeconds(spec.receivedOffset()));
			CustomerEventBuilder builder = CustomerEvent.builder()
				.messageId("m-" + index)
				.type(EventType.TRACK)
				.name("Step " + index)
				.channel(spec.channel())
				.sourceId("source-" + spec.channel().wireName())
				.occurredAt(receivedAt)
				.receivedAt(receivedAt);
			spec.identifiers().forEach((position) -> builder.identifier(Identifier.parse(IDENTIFIERS.get(position))));
			events.add(builder.build());
		}
		return events;
	}

	private List<String> normalizedKeys(CustomerEvent event) {
		return this.normalizer.normalizeAll(event.identifiers()).identifiers().stream().map(Identifier::key).toList();
	}

	record EventSpec(List<Integer> identifiers, int receivedOffset, Channel channel) {

	}

}
