package io.cdp.profile.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.CustomerEventBuilder;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationRules;

/**
 * A reproducible stream of many people's events across channels, interleaved as they
 * would arrive, with some SDK retries (the same messageId again), and the grouping a
 * plain union-find gives for it.
 *
 * @param events the events in sending order, retries included
 * @param expectedGrouping the sets of messageIds that belong to one person
 */
record GeneratedJourneys(List<CustomerEvent> events, Set<Set<String>> expectedGrouping) {

	static GeneratedJourneys generate(long seed, int people, int eventsPerPerson, Instant start) {
		Random random = new Random(seed);
		List<CustomerEvent> events = new ArrayList<>();
		for (int person = 0; person < people; person++) {
			events.addAll(journey(random, person, eventsPerPerson, start));
		}
		Collections.shuffle(events, random);
		List<CustomerEvent> timed = new ArrayList<>();
		for (int index = 0; index < events.size(); index++) {
			timed.add(receivedAt(events.get(index), start.plusMillis(index * 10L)));
		}
		int retries = timed.size() / 30;
		for (int retry = 0; retry < retries; retry++) {
			CustomerEvent original = timed.get(random.nextInt(timed.size()));
			timed.add(receivedAt(original, original.receivedAt().plus(Duration.ofMinutes(2))));
		}
		return new GeneratedJourneys(List.copyOf(timed), grouping(timed));
	}

	Set<String> messageIds() {
		Set<String> ids = new HashSet<>();
		this.events.forEach((event) -> ids.add(event.messageId()));
		return ids;
	}

	private static List<CustomerEvent> journey(Random random, int person, int count, Instant start) {
		String anonymous = "anonymous_id:anon-" + person;
		String userId = (random.nextInt(10) < 7) ? "user_id:user-" + person : null;
		String email = (random.nextInt(10) < 6) ? "email:person" + person + "@example.com" : null;
		String device = (random.nextInt(10) < 4) ? "device_id:device-" + person : null;
		String phone = (random.nextInt(10) < 2) ? "phone:+1415555" + String.format("%04d", person % 10_000) : null;
		List<CustomerEvent> events = new ArrayList<>();
		for (int step = 0; step < count; step++) {
			Channel channel = Channel.values()[random.nextInt(4)];
			List<String> identifiers = new ArrayList<>();
			switch (channel) {
				case WEB -> {
					identifiers.add(anonymous);
					addSometimes(random, identifiers, userId);
				}
				case MOBILE -> {
					identifiers.add((device != null) ? device : anonymous);
					addSometimes(random, identifiers, userId);
				}
				case EMAIL -> identifiers.add((email != null) ? email : anonymous);
				default -> {
					identifiers.add((email != null) ? email : anonymous);
					addSometimes(random, identifiers, phone);
				}
			}
			EventType type = (step == 0 || random.nextInt(5) > 0) ? EventType.TRACK : EventType.IDENTIFY;
			CustomerEventBuilder builder = CustomerEvent.builder()
				.messageId("p" + person + "-e" + step)
				.type(type)
				.name((type == EventType.TRACK) ? "Step " + step : null)
				.channel(channel)
				.sourceId("source-" + channel.wireName())
				.traits((type == EventType.IDENTIFY) ? Map.of("step", step) : Map.of())
				.occurredAt(start)
				.receivedAt(start);
			identifiers.forEach((identifier) -> builder.identifier(Identifier.parse(identifier)));
			events.add(builder.build());
		}
		return events;
	}

	private static void addSometimes(Random random, List<String> identifiers, String identifier) {
		if (identifier != null && random.nextBoolean()) {
			identifiers.add(identifier);
		}
	}

	private static CustomerEvent receivedAt(CustomerEvent event, Instant receivedAt) {
		return new CustomerEvent(event.messageId(), event.type(), event.name(), event.channel(), event.sourceId(),
				event.identifiers(), event.previousId(), event.groupId(), event.traits(), event.properties(),
				event.context(), receivedAt, receivedAt);
	}

	private static Set<Set<String>> grouping(List<CustomerEvent> events) {
		IdentifierNormalizer normalizer = new IdentifierNormalizer(NormalizationRules.defaults());
		UnionFind identifiers = new UnionFind();
		Map<String, String> firstIdentifier = new LinkedHashMap<>();
		for (CustomerEvent event : events) {
			List<String> keys = normalizer.normalizeAll(event.identifiers())
				.identifiers()
				.stream()
				.map(Identifier::key)
				.toList();
			keys.forEach((key) -> identifiers.union(keys.get(0), key));
			firstIdentifier.putIfAbsent(event.messageId(), keys.get(0));
		}
		Map<String, Set<String>> groups = new HashMap<>();
		firstIdentifier.forEach((messageId, identifier) -> groups
			.computeIfAbsent(identifiers.find(identifier), (root) -> new HashSet<>())
			.add(messageId));
		return new HashSet<>(groups.values());
	}

}
