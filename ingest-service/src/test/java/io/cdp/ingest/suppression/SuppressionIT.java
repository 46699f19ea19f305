package io.cdp.ingest.suppression;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.privacy.IdentifierHash;
import io.cdp.contract.privacy.Suppression;
import io.cdp.ingest.support.EventsOnKafka;
import io.cdp.ingest.support.IngestClient;
import io.cdp.ingest.support.IngestClient.Response;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Suppression at the door on the real broker, through the tracking API as the SDKs call
 * it: once the profile-service has put a person's identifiers on
 * {@code cdp.suppressions.v1}, their events, however the identifiers are typed, never
 * reach {@code cdp.events.v1}, while the answer is the usual success; everyone else's
 * events go through, and a tombstone lets the person's events through again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "cdp.ingest.sources.admin-token=" + IngestClient.ADMIN_TOKEN)
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuppressionIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private SuppressionList list;

	private TestKafka testKafka;

	private IngestClient client;

	private IngestClient.Source web;

	private EventsOnKafka kafka;

	private KafkaProducer<String, @Nullable Suppression> suppressions;

	@BeforeAll
	void connect(TestKafka testKafka) {
		this.testKafka = testKafka;
		this.client = new IngestClient(this.port);
		this.web = this.client.createSegmentSource("web");
		this.kafka = new EventsOnKafka(testKafka);
		this.suppressions = new KafkaProducer<>(testKafka.producerProperties(), new StringSerializer(),
				testKafka.topics().suppressions().valueSerde().serializer());
	}

	@AfterAll
	void close() {
		this.kafka.close();
		this.suppressions.close();
	}

	@Test
	void shouldDropTheSuppressedPersonsEventsAtEveryPathAndAnswerAsUsual() throws Exception {
		String email = unique("ada") + "@example.com";
		String userId = unique("ada-user");
		String other = unique("grace");
		suppress("email:" + email, "phone:+14155550123", "user_id:" + userId);
		double suppressedBefore = suppressedCount();

		Response track = this.client.post("/v1/track", this.web.writeKey(), """
				{"userId": "%s", "event": "Order Completed", "properties": {"marker": "%s"}}""".formatted(userId,
				userId));
		String emailAnonymousId = unique("anon-email");
		Response identifyByEmail = this.client.post("/v1/identify", this.web.writeKey(), """
				{"anonymousId": "%s", "traits": {"email": " %s ", "name": "Ada"}}""".formatted(emailAnonymousId,
				email.toUpperCase(Locale.ROOT)));
		String phoneAnonymousId = unique("anon-phone");
		Response identifyByPhone = this.client.post("/v1/identify", this.web.writeKey(), """
				{"anonymousId": "%s", "traits": {"phone": "(415) 555-0123"}}""".formatted(phoneAnonymousId));
		String newLogin = unique("new-login");
		Response batch = this.client.post("/v1/batch", this.web.writeKey(), """
				{"batch": [
				  {"type": "track", "userId": "%s", "event": "Viewed"},
				  {"type": "identify", "userId": "%s", "traits": {"email": "%s"}},
				  {"type": "track", "userId": "%s", "event": "Viewed"},
				  {"type": "page", "userId": "%s", "name": "Home"}]}""".formatted(other, newLogin, email, other,
				userId));
		Response otherTrack = this.client.post("/v1/track", this.web.writeKey(), """
				{"userId": "%s", "event": "Order Completed"}""".formatted(other));

		for (Response response : List.of(track, identifyByEmail, identifyByPhone, otherTrack)) {
			assertThat(response.status()).as(response.text()).isEqualTo(200);
			assertThat(response.json()).isEqualTo(otherTrack.json());
		}
		assertThat(batch.status()).as(batch.text()).isEqualTo(200);
		assertThat(batch.json().get("success").asBoolean()).isTrue();
		assertThat(batch.json().get("accepted").asInt()).isEqualTo(4);
		assertThat(batch.json().get("rejected")).isEmpty();
		assertThat(this.kafka.awaitEvents(3, (event) -> hasUser(event, other))).hasSize(3);
		// Every request was answered after Kafka acknowledged its records, so whatever
		// reached the topic is there now.
		Set<String> suppressedPersonsIds = Set.of(userId, emailAnonymousId, phoneAnonymousId, newLogin);
		assertThat(eventsOnTheTopic()).noneMatch((event) -> event.identifiers()
			.stream()
			.anyMatch((identifier) -> suppressedPersonsIds.contains(identifier.value())
					|| identifier.value().strip().equalsIgnoreCase(email)));
		assertThat(suppressedCount() - suppressedBefore).isEqualTo(5);
	}

	@Test
	void shouldLetThePersonsEventsThroughAgainOnceATombstoneLiftsTheSuppression() throws Exception {
		String userId = unique("lifted-user");
		suppress("user_id:" + userId);
		this.client.post("/v1/track", this.web.writeKey(), """
				{"userId": "%s", "event": "While Suppressed"}""".formatted(userId));

		lift("user_id:" + userId);
		await().atMost(TIMEOUT).until(() -> !this.list.suppresses(trackOf(userId)));
		Response response = this.client.post("/v1/track", this.web.writeKey(), """
				{"userId": "%s", "event": "After Lifting"}""".formatted(userId));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		this.kafka.awaitEvents(1, (event) -> hasUser(event, userId));
		assertThat(eventsOnTheTopic()).filteredOn((event) -> hasUser(event, userId))
			.singleElement()
			.satisfies((event) -> assertThat(event.name()).isEqualTo("After Lifting"));
	}

	private void suppress(String... keys) throws Exception {
		for (String key : keys) {
			String hash = IdentifierHash.ofKey(key);
			this.suppressions
				.send(new ProducerRecord<>(topic(), hash, new Suppression(hash, "request-" + key, Instant.now())))
				.get();
		}
		// The list is replicated asynchronously; the person's events are checked once it
		// holds every key.
		await().atMost(TIMEOUT)
			.until(() -> List.of(keys)
				.stream()
				.allMatch((key) -> this.list.suppresses(trackOf(Identifier.parse(key)))));
	}

	private void lift(String key) throws Exception {
		this.suppressions.send(new ProducerRecord<>(topic(), IdentifierHash.ofKey(key), null)).get();
	}

	private String topic() {
		return this.testKafka.topics().suppressions().name();
	}

	private double suppressedCount() {
		return this.meters.find("cdp.ingest.events")
			.tags("source", this.web.id(), "outcome", "suppressed")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/** Every event on the events topic up to its current end. */
	private List<CustomerEvent> eventsOnTheTopic() {
		String topic = this.testKafka.topics().events().name();
		List<CustomerEvent> events = new ArrayList<>();
		try (KafkaConsumer<String, CustomerEvent> consumer = new KafkaConsumer<>(this.testKafka.consumerProperties(),
				this.testKafka.topics().events().keySerde().deserializer(),
				this.testKafka.topics().events().valueSerde().deserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((partition) -> new TopicPartition(topic, partition.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			await().atMost(TIMEOUT).pollInterval(Duration.ZERO).until(() -> {
				for (ConsumerRecord<String, CustomerEvent> record : consumer.poll(Duration.ofMillis(100))) {
					events.add(record.value());
				}
				return partitions.stream().allMatch((partition) -> consumer.position(partition) >= ends.get(partition));
			});
		}
		return events;
	}

	private static CustomerEvent trackOf(String userId) {
		return trackOf(new Identifier(IdentifierType.USER_ID, userId));
	}

	private static CustomerEvent trackOf(Identifier identifier) {
		return CustomerEvent.builder()
			.type(EventType.TRACK)
			.name("Checked")
			.channel(Channel.WEB)
			.sourceId("check")
			.identifier(identifier)
			.occurredAt(Instant.EPOCH)
			.receivedAt(Instant.EPOCH)
			.build();
	}

	private static boolean hasUser(CustomerEvent event, String userId) {
		return event.identifiers().contains(new Identifier(IdentifierType.USER_ID, userId));
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

}
