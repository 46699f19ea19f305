package io.cdp.ingest.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.DeadLetter;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads what the ingest service wrote to the class's events and dead-letter topics and
 * waits for records matching a condition.
 */
public final class EventsOnKafka implements AutoCloseable {

	private final KafkaConsumer<String, CustomerEvent> events;

	private final KafkaConsumer<String, DeadLetter> deadLetters;

	private final List<ConsumerRecord<String, CustomerEvent>> seenEvents = new ArrayList<>();

	private final List<DeadLetter> seenDeadLetters = new ArrayList<>();

	public EventsOnKafka(TestKafka kafka) {
		Map<String, Object> properties = kafka.consumerProperties();
		this.events = new KafkaConsumer<>(properties, kafka.topics().events().keySerde().deserializer(),
				kafka.topics().events().valueSerde().deserializer());
		this.events.subscribe(List.of(kafka.topics().events().name()));
		Map<String, Object> dlqProperties = kafka.consumerProperties();
		this.deadLetters = new KafkaConsumer<>(dlqProperties,
				kafka.topics().eventsDeadLetter().keySerde().deserializer(),
				kafka.topics().eventsDeadLetter().valueSerde().deserializer());
		this.deadLetters.subscribe(List.of(kafka.topics().eventsDeadLetter().name()));
	}

	/** Waits until events matching the condition have arrived, and returns them. */
	public List<CustomerEvent> awaitEvents(int count, Predicate<CustomerEvent> condition) {
		return awaitRecords(count, condition).stream().map(ConsumerRecord::value).toList();
	}

	/**
	 * Waits until event records matching the condition have arrived, and returns them.
	 */
	public List<ConsumerRecord<String, CustomerEvent>> awaitRecords(int count, Predicate<CustomerEvent> condition) {
		List<ConsumerRecord<String, CustomerEvent>> matching = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).untilAsserted(() -> {
			this.events.poll(Duration.ofMillis(100)).forEach(this.seenEvents::add);
			matching.clear();
			this.seenEvents.stream().filter((record) -> condition.test(record.value())).forEach(matching::add);
			assertThat(matching).hasSizeGreaterThanOrEqualTo(count);
		});
		return matching;
	}

	/**
	 * Waits until a dead letter matching the condition has arrived, and returns all
	 * matching.
	 */
	public List<DeadLetter> awaitDeadLetters(int count, Predicate<DeadLetter> condition) {
		List<DeadLetter> matching = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).untilAsserted(() -> {
			this.deadLetters.poll(Duration.ofMillis(100)).forEach((record) -> this.seenDeadLetters.add(record.value()));
			matching.clear();
			this.seenDeadLetters.stream().filter(condition).forEach(matching::add);
			assertThat(matching).hasSizeGreaterThanOrEqualTo(count);
		});
		return matching;
	}

	@Override
	public void close() {
		this.events.close();
		this.deadLetters.close();
	}

}
