package io.cdp.population;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PopulationGeneratorTests {

	private static final Instant UNTIL = Instant.parse("2026-03-01T00:00:00Z");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Population POPULATION = PopulationGenerator.generate(PopulationSettings.of(7, 200, UNTIL));

	@Test
	void shouldGenerateTheSamePopulationForTheSameSeed() {
		Population again = PopulationGenerator.generate(PopulationSettings.of(7, 200, UNTIL));
		Population otherSeed = PopulationGenerator.generate(PopulationSettings.of(8, 200, UNTIL));

		assertThat(again.people()).isEqualTo(POPULATION.people());
		assertThat(again.deliveries()).isEqualTo(POPULATION.deliveries());
		assertThat(otherSeed.people()).isNotEqualTo(POPULATION.people());
		assertThat(messageIds(otherSeed)).doesNotContainAnyElementsOf(messageIds(POPULATION));
	}

	@Test
	void shouldKeepEveryPersonTheSameWhenThePopulationGrows() {
		Population smaller = PopulationGenerator.generate(PopulationSettings.of(7, 100, UNTIL));

		assertThat(POPULATION.people().subList(0, 100)).isEqualTo(smaller.people());
		assertThat(POPULATION.eventsOf("person-00042")).isEqualTo(smaller.eventsOf("person-00042"));
	}

	@Test
	void shouldGiveEveryPersonEventsOnSeveralChannels() {
		Map<String, Set<Channel>> channelsByPerson = new HashMap<>();
		POPULATION.events()
			.forEach(
					(event) -> channelsByPerson.computeIfAbsent(event.personId(), (id) -> EnumSet.noneOf(Channel.class))
						.add(event.channel()));

		assertThat(POPULATION.people()).hasSize(200).allSatisfy((person) -> {
			assertThat(person.channels()).hasSizeGreaterThanOrEqualTo(2)
				.isEqualTo(channelsByPerson.get(person.personId()));
			assertThat(POPULATION.eventsOf(person.personId())).hasSizeGreaterThanOrEqualTo(8);
		});
		assertThat(POPULATION.people()).filteredOn((person) -> person.channels().size() == 4).hasSizeGreaterThan(30);
		assertThat(POPULATION.showcase().channels()).containsExactlyInAnyOrder(Channel.values());
	}

	@Test
	void shouldTellTheStoryOfEachChannel() {
		Set<String> names = new HashSet<>();
		POPULATION.events().forEach((event) -> names.add(event.channel().wireName() + ":" + event.name()));

		assertThat(names).contains("web:Signed Up", "web:Product Viewed", "web:Order Completed",
				"mobile:Application Installed", "mobile:Signed In", "mobile:Order Completed", "email:Email Delivered",
				"email:Email Opened", "email:Email Link Clicked", "support:Ticket Created", "support:Ticket Solved",
				"support:Satisfaction Rated");
		JsonNode order = message(POPULATION.events()
			.stream()
			.filter((event) -> event.name().equals("Order Completed"))
			.findFirst()
			.orElseThrow());
		assertThat(order.path("properties").path("revenue").asDouble()).isPositive();
		assertThat(order.path("properties").path("products").size()).isPositive();
		assertThat(POPULATION.events()
			.stream()
			.filter((event) -> event.name().equals("Satisfaction Rated"))
			.map((event) -> message(event).path("properties").path("score").asInt())).contains(1, 5);
	}

	@Test
	void shouldWriteEmailsAndPhonesAsPeopleDo() {
		Set<String> emailsAsWritten = new HashSet<>();
		Set<String> phoneShapes = new TreeSet<>();
		for (GeneratedEvent event : POPULATION.events()) {
			JsonNode traits = message(event).path("traits");
			if (traits.path("email").isString()) {
				emailsAsWritten.add(traits.path("email").asString());
			}
			if (traits.path("phone").isString()) {
				phoneShapes.add(traits.path("phone").asString().replaceAll("[0-9]", "9"));
			}
		}

		assertThat(emailsAsWritten).anySatisfy((email) -> assertThat(email).isNotEqualTo(email.strip()));
		assertThat(emailsAsWritten).anySatisfy((email) -> assertThat(email).isEqualTo(email.toUpperCase(Locale.ROOT)));
		assertThat(emailsAsWritten)
			.anySatisfy((email) -> assertThat(email).isNotEqualTo(email.toLowerCase(Locale.ROOT)).matches("[A-Z].*"));
		assertThat(phoneShapes).contains("+99999999999", "(999) 999-9999", "999.999.9999").hasSizeGreaterThan(4);
	}

	@Test
	void shouldSendSomeMessagesTwiceWithTheSameMessageId() {
		Map<String, Integer> firstPosition = new HashMap<>();
		List<Delivery> retries = new ArrayList<>();
		for (int index = 0; index < POPULATION.deliveries().size(); index++) {
			Delivery delivery = POPULATION.deliveries().get(index);
			if (delivery.isRetry()) {
				assertThat(firstPosition).containsKey(delivery.event().messageId());
				retries.add(delivery);
			}
			else {
				assertThat(firstPosition.put(delivery.event().messageId(), index)).isNull();
			}
		}

		assertThat(retries).hasSizeBetween(POPULATION.events().size() / 100, POPULATION.events().size() / 25);
		assertThat(POPULATION.deliveries()).hasSize(POPULATION.events().size() + retries.size());
	}

	@Test
	void shouldDeliverSomeEventsAfterEventsThatHappenedLater() {
		Map<String, Instant> latestDelivered = new HashMap<>();
		int lateEvents = 0;
		for (Delivery delivery : POPULATION.deliveries()) {
			GeneratedEvent event = delivery.event();
			Instant latest = latestDelivered.get(event.personId());
			if (!delivery.isRetry() && latest != null && event.occurredAt().isBefore(latest)) {
				lateEvents++;
			}
			if (latest == null || event.occurredAt().isAfter(latest)) {
				latestDelivered.put(event.personId(), event.occurredAt());
			}
		}

		assertThat(lateEvents).isGreaterThan(30);
		assertThat(POPULATION.deliveries().stream().map((delivery) -> delivery.event().occurredAt()))
			.allSatisfy((occurredAt) -> assertThat(occurredAt).isBetween(UNTIL.minus(Duration.ofDays(90)), UNTIL));
	}

	@Test
	void shouldSendValidSegmentMessagesThatFitInABatch() {
		for (GeneratedEvent event : POPULATION.events()) {
			JsonNode message = message(event);
			assertThat(message.path("messageId").asString()).isEqualTo(event.messageId()).hasSizeLessThan(100);
			assertThat(message.path("type").asString()).isEqualTo(event.type())
				.isIn("page", "screen", "track", "identify");
			assertThat(Instant.parse(message.path("timestamp").asString())).isEqualTo(event.occurredAt());
			assertThat(message.path("userId").isString() || message.path("anonymousId").isString()).isTrue();
			if (event.type().equals("track")) {
				assertThat(message.path("event").asString()).isEqualTo(event.name()).isNotBlank();
			}
			String channel = message.path("context").path("channel").asString("web");
			assertThat(channel).isEqualTo(event.channel().wireName());
		}
		int largest = POPULATION.events().stream().mapToInt((event) -> event.json().length()).max().orElseThrow();
		assertThat(largest * 100).isLessThan(500 * 1024);
	}

	/**
	 * The truth is what a perfect identity resolution finds: linking every two
	 * identifiers that appear on one message (as the ingest reads them, normalised)
	 * groups the messages exactly by person.
	 */
	@Test
	void shouldKeepTheTruthConsistentWithTheIdentifiersOnTheMessages() {
		UnionFind links = new UnionFind();
		Map<String, Set<String>> identifiersByPerson = new HashMap<>();
		for (GeneratedEvent event : POPULATION.events()) {
			List<String> identifiers = SegmentIdentifiers.of(message(event));
			assertThat(identifiers).isNotEmpty();
			identifiers.forEach((identifier) -> links.union(identifiers.get(0), identifier));
			links.union(identifiers.get(0), "message:" + event.messageId());
			identifiersByPerson.computeIfAbsent(event.personId(), (id) -> new TreeSet<>()).addAll(identifiers);
		}

		Map<String, String> personByComponent = new HashMap<>();
		for (GeneratedEvent event : POPULATION.events()) {
			String component = links.find("message:" + event.messageId());
			assertThat(personByComponent.computeIfAbsent(component, (root) -> event.personId()))
				.as("the person of every message linked to %s", event.messageId())
				.isEqualTo(event.personId());
		}
		assertThat(personByComponent).hasSize(POPULATION.people().size());
		for (Person person : POPULATION.people()) {
			assertThat(person.identifiers()).map(PersonIdentifier::key)
				.containsExactlyInAnyOrderElementsOf(identifiersByPerson.get(person.personId()));
			assertThat(person.identifiers()).map(PersonIdentifier::key)
				.contains("user_id:" + person.userId(), "email:" + person.email());
		}
		assertThat(POPULATION.personIdByMessageId()).hasSize(POPULATION.events().size());
	}

	private static Set<String> messageIds(Population population) {
		Set<String> messageIds = new HashSet<>();
		population.events().forEach((event) -> messageIds.add(event.messageId()));
		return messageIds;
	}

	private static JsonNode message(GeneratedEvent event) {
		return JSON.readTree(event.json());
	}

}
