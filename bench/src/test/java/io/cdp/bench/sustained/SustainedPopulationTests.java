package io.cdp.bench.sustained;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cdp.bench.sustained.SustainedPopulation.SampledPerson;
import io.cdp.population.Person;
import io.cdp.population.PersonIdentifier;
import io.cdp.population.Population;
import io.cdp.population.PopulationGenerator;
import io.cdp.population.PopulationSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SustainedPopulationTests {

	private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\":\"([^\"]+)\"");

	private final Population population = PopulationGenerator
		.generate(PopulationSettings.of(42, 60, Instant.parse("2026-11-23T12:00:00Z")));

	private final SustainedPopulation load = SustainedPopulation.of(this.population, 20, "run1", 6);

	@Test
	void shouldTakeOnlyPeopleAfterTheAccuracyPopulationSharingNoIdentifierWithIt() {
		Set<PersonIdentifier> accuracy = new HashSet<>();
		this.population.people().subList(0, 20).forEach((person) -> accuracy.addAll(person.identifiers()));
		Set<PersonIdentifier> sustained = new HashSet<>();
		this.population.people().subList(20, 60).forEach((person) -> sustained.addAll(person.identifiers()));

		assertThat(this.load.people()).isEqualTo(40);
		assertThat(this.load.offset()).isEqualTo(20);
		assertThat(sustained).doesNotContainAnyElementsOf(accuracy);
		assertThat(this.load.sample()).extracting(SampledPerson::personId)
			.doesNotContainAnyElementsOf(
					this.population.people().subList(0, 20).stream().map(Person::personId).toList());
	}

	@Test
	void shouldSendEveryMessageOnceUnderAFreshIdInBatchesOfAHundred() {
		List<String> sentIds = this.load.bodies().stream().flatMap((body) -> ids(body).stream()).toList();
		long people = this.population.deliveries()
			.stream()
			.filter((delivery) -> Integer.parseInt(delivery.event().personId().substring(7)) > 20)
			.count();

		assertThat(this.load.messages()).isEqualTo(sentIds.size()).isEqualTo((int) people);
		assertThat(this.load.bodies()).allSatisfy((body) -> assertThat(ids(body)).hasSizeLessThanOrEqualTo(100));
		assertThat(sentIds).allSatisfy((id) -> assertThat(id).startsWith("s-run1-"));
		assertThat(new HashSet<>(sentIds)).hasSize(this.load.events()).containsAll(this.load.messageIds());
		assertThat(this.load.messages()).isGreaterThan(this.load.events());
	}

	@Test
	void shouldSampleTheLastToCompleteAndPeopleSpreadOverThePopulationWithAllTheirEvents() {
		assertThat(this.load.sample()).hasSize(6).allSatisfy((person) -> {
			assertThat(person.userId()).startsWith("usr_");
			assertThat(person.messageIds()).isNotEmpty().isSubsetOf(this.load.messageIds());
		});
		int allEvents = this.load.sample().stream().mapToInt((person) -> person.messageIds().size()).sum();
		assertThat(allEvents).isEqualTo(this.load.sample()
			.stream()
			.mapToInt((person) -> this.population.eventsOf(person.personId()).size())
			.sum());
	}

	@Test
	void shouldKeepTheGroundTruthOfTheLoadUnderItsFreshIds() {
		Population truth = this.load.truth();

		assertThat(truth.people()).hasSize(40)
			.extracting(Person::personId)
			.containsExactlyElementsOf(
					this.population.people().subList(20, 60).stream().map(Person::personId).toList());
		assertThat(truth.hardCases()).isEmpty();
		assertThat(truth.deliveries()).hasSize(this.load.messages());
		assertThat(truth.events()).extracting((event) -> event.messageId())
			.containsExactlyInAnyOrderElementsOf(this.load.messageIds());
		for (SampledPerson sampled : this.load.sample()) {
			assertThat(truth.eventsOf(sampled.personId())).extracting((event) -> event.messageId())
				.containsExactlyInAnyOrderElementsOf(sampled.messageIds());
		}
		assertThat(truth.events())
			.allSatisfy((event) -> assertThat(ids(event.json())).containsExactly(event.messageId()));
	}

	@Test
	void shouldGiveEachRunItsOwnMessageIds() {
		SustainedPopulation again = SustainedPopulation.of(this.population, 20, "run2", 6);

		assertThat(again.messageIds()).doesNotContainAnyElementsOf(this.load.messageIds());
		assertThat(again.events()).isEqualTo(this.load.events());
	}

	private static List<String> ids(String body) {
		Matcher matcher = MESSAGE_ID.matcher(body);
		List<String> ids = new java.util.ArrayList<>();
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

}
