package io.cdp.population;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the population gives a customer-experience view to read: believable shares of each
 * kind of event, each consistent with the journey it was added to.
 */
class ExperienceWriterTests {

	private static final Instant UNTIL = Instant.parse("2026-03-01T00:00:00Z");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Population POPULATION = PopulationGenerator.generate(PopulationSettings.of(11, 2000, UNTIL));

	@Test
	void shouldAnswerTheNpsSurveyWithEveryClassAndOnlyAfterAnOrder() {
		Map<String, Instant> firstOrder = new HashMap<>();
		POPULATION.events()
			.stream()
			.filter((event) -> event.name().equals("Order Completed"))
			.forEach(
					(event) -> firstOrder.merge(event.personId(), event.occurredAt(), (a, b) -> a.isBefore(b) ? a : b));
		List<GeneratedEvent> answers = named("NPS Survey Submitted");
		int[] byClass = new int[3];
		for (GeneratedEvent answer : answers) {
			int score = message(answer).path("properties").path("score").asInt(-1);
			assertThat(score).isBetween(0, 10);
			byClass[(score >= 9) ? 0 : (score >= 7) ? 1 : 2]++;
			assertThat(answer.occurredAt()).isAfter(firstOrder.get(answer.personId()));
			assertThat(message(answer).path("userId").asString()).isEqualTo(person(answer.personId()).userId());
		}
		int buyers = firstOrder.size();
		assertThat(answers.size()).isBetween(buyers * 35 / 100, buyers * 55 / 100);
		assertThat(byClass[0]).isGreaterThan(byClass[1]).isGreaterThan(byClass[2]).isGreaterThan(answers.size() / 10);
		assertThat(named("Product Reviewed")).isNotEmpty()
			.allSatisfy(
					(review) -> assertThat(message(review).path("properties").path("rating").asInt()).isBetween(4, 5));
	}

	@Test
	void shouldRefundOnlyOrdersThatWerePlacedInTheOrdersCurrencyAndAmount() {
		Map<String, JsonNode> orders = new HashMap<>();
		Map<String, Instant> placedAt = new HashMap<>();
		for (GeneratedEvent order : named("Order Completed")) {
			JsonNode properties = message(order).path("properties");
			orders.put(properties.path("order_id").asString(), properties);
			placedAt.put(properties.path("order_id").asString(), order.occurredAt());
		}
		List<GeneratedEvent> refunds = named("Order Refunded");
		assertThat(refunds.size()).isBetween(orders.size() * 4 / 100, orders.size() * 12 / 100);
		for (GeneratedEvent refund : refunds) {
			JsonNode properties = message(refund).path("properties");
			JsonNode order = orders.get(properties.path("order_id").asString());
			assertThat(order).isNotNull();
			assertThat(properties.path("total").asDouble()).isEqualTo(order.path("total").asDouble());
			assertThat(properties.path("currency").asString()).isEqualTo(order.path("currency").asString());
			assertThat(refund.occurredAt()).isAfter(placedAt.get(properties.path("order_id").asString()));
		}
	}

	@Test
	void shouldPriceEachPersonsOrdersInOneCurrencyMostlyDollars() {
		Map<String, Set<String>> currencies = new HashMap<>();
		named("Order Completed")
			.forEach((order) -> currencies.computeIfAbsent(order.personId(), (id) -> new HashSet<>())
				.add(message(order).path("properties").path("currency").asString()));
		assertThat(currencies.values()).allSatisfy((used) -> assertThat(used).hasSize(1));
		long dollars = currencies.values().stream().filter((used) -> used.contains("USD")).count();
		assertThat(dollars).isBetween(currencies.size() * 70L / 100, currencies.size() * 90L / 100);
		assertThat(currencies.values().stream().flatMap(Set::stream).distinct()).containsExactlyInAnyOrder("USD", "EUR",
				"GBP", "CAD");
	}

	@Test
	void shouldSendTheTimeZoneOfThePersonsCityFromTheirBrowserAndApp() {
		Map<String, String> zoneByPerson = new HashMap<>();
		POPULATION.events().stream().filter((event) -> event.channel() == Channel.MOBILE).forEach((event) -> {
			String zone = message(event).path("context").path("timezone").asString("");
			assertThat(zone).startsWith("America/");
			assertThat(zoneByPerson.merge(event.personId(), zone, (a, b) -> a)).isEqualTo(zone);
		});
		assertThat(new HashSet<>(zoneByPerson.values())).hasSizeGreaterThanOrEqualTo(3);
		assertThat(POPULATION.events()
			.stream()
			.filter((event) -> event.channel() == Channel.SUPPORT || event.channel() == Channel.EMAIL)
			.filter((event) -> message(event).path("context").has("timezone"))).isEmpty();
	}

	@Test
	void shouldLeaveSomeTicketsOpenAndSomePeopleUnsubscribedOrWithAFailedPayment() {
		Set<String> created = new HashSet<>();
		Set<String> solved = new HashSet<>();
		named("Ticket Created").forEach((ticket) -> created.add(ticketId(ticket)));
		named("Ticket Solved").forEach((ticket) -> solved.add(ticketId(ticket)));
		assertThat(created).containsAll(solved);
		int open = created.size() - solved.size();
		assertThat(open).isBetween(created.size() / 20, created.size() / 4);
		assertThat(named("Unsubscribed")).hasSizeBetween(POPULATION.people().size() * 3 / 100,
				POPULATION.people().size() * 12 / 100);
		assertThat(named("Payment Failed")).isNotEmpty();
	}

	@Test
	void shouldLeaveEveryonesIdentifiersAsTheirJourneyHasThem() {
		Population without = PopulationGenerator.generate(PopulationSettings.of(11, 50, UNTIL));
		assertThat(without.people()).isEqualTo(POPULATION.people().subList(0, 50));
		assertThat(POPULATION.events())
			.filteredOn((event) -> Set.of("NPS Survey Submitted", "Order Refunded", "Unsubscribed", "Payment Failed")
				.contains(event.name()))
			.allSatisfy((event) -> assertThat(message(event).path("userId").asString())
				.isEqualTo(person(event.personId()).userId()));
	}

	private static List<GeneratedEvent> named(String name) {
		return POPULATION.events().stream().filter((event) -> event.name().equals(name)).toList();
	}

	private static String ticketId(GeneratedEvent ticket) {
		return ticket.personId() + "/" + message(ticket).path("properties").path("ticket_id").asString();
	}

	private static Person person(String personId) {
		return POPULATION.people()
			.stream()
			.filter((person) -> person.personId().equals(personId))
			.findFirst()
			.orElseThrow();
	}

	private static JsonNode message(GeneratedEvent event) {
		return JSON.readTree(event.json());
	}

}
