package io.cdp.profile.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.privacy.IdentifierHash;
import io.cdp.contract.privacy.Suppression;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A suppressed person stays gone when the events topic is replayed into a fresh
 * application id: the replay reads the suppression list before it processes an event, and
 * drops every event that carries one of the person's identifiers, however the event names
 * them (an email typed another way, or the device id alone).
 */
@RealInfrastructure
class SuppressionReplayIT {

	@Test
	void shouldDropTheEventsOfASuppressedPersonWhenTheEventsTopicIsReplayed(TestKafka kafka, @TempDir Path state) {
		Instant now = Instant.now();
		Identifier email = Identifier.parse("email:replay@example.com");
		Identifier device = Identifier.parse("anonymous_id:replay-device");
		List<CustomerEvent> suppressed = List.of(event("s-1", now, EventType.PAGE, "anonymous_id:replay-device"),
				event("s-2", now, EventType.IDENTIFY, "anonymous_id:replay-device", "email: Replay@Example.com "),
				event("s-3", now, EventType.TRACK, "email:replay@example.com"));
		List<CustomerEvent> kept = new ArrayList<>();
		for (int person = 0; person < 20; person++) {
			kept.add(event("k-" + person + "-1", now, EventType.PAGE, "anonymous_id:replay-other-" + person));
			kept.add(event("k-" + person + "-2", now, EventType.IDENTIFY, "anonymous_id:replay-other-" + person,
					"user_id:replay-other-" + person));
		}
		List<CustomerEvent> all = new ArrayList<>(suppressed);
		all.addAll(kept);
		try (IdentityCluster original = new IdentityCluster(kafka, "replay-original", 3, state.resolve("original"));
				ResolvedOutputs before = new ResolvedOutputs(kafka, original.platformTopics())) {
			original.startInstance();
			original.awaitRunning();
			original.send(all);
			await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
				before.poll();
				assertThat(before.distinctEvents()).isEqualTo(all.size());
			});

			TopicCatalog originals = original.platformTopics();
			try (KafkaProducer<String, Suppression> producer = new KafkaProducer<>(kafka.producerProperties(),
					originals.suppressions().keySerde().serializer(),
					originals.suppressions().valueSerde().serializer())) {
				for (Identifier identifier : List.of(email, device)) {
					String hash = IdentifierHash.of(identifier);
					producer.send(new ProducerRecord<>(originals.suppressions().name(), hash,
							new Suppression(hash, "request-1", now)));
				}
				producer.flush();
			}

			// A fresh application id over the same events and suppressions, with outputs
			// of its own.
			TopicCatalog own = TopicCatalog.defaults()
				.withPrefix(kafka.topicPrefix() + "-replay-again")
				.withPartitions(3);
			TopicCatalog replayed = new TopicCatalog(own.prefix(), originals.events(), own.eventsDeadLetter(),
					own.profiles(), own.profileEvents(), own.profileMerges(), own.quarantine(),
					own.audienceMembership(), own.audiences(), own.audienceMemberships(), originals.suppressions());
			try (IdentityCluster replay = new IdentityCluster(kafka, "replay-again", replayed, state.resolve("again"));
					ResolvedOutputs after = new ResolvedOutputs(kafka, replayed)) {
				replay.startInstance();
				replay.awaitRunning();
				// One more event of the person after the replay started: dropped too.
				replay.send(List.of(event("s-4", now, EventType.TRACK, "anonymous_id:replay-device")));
				await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
					after.poll();
					assertThat(after.distinctEvents()).isEqualTo(kept.size());
				});
				await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					after.poll();
					Set<String> resolved = new HashSet<>();
					after.grouping().forEach(resolved::addAll);
					assertThat(resolved)
						.containsExactlyInAnyOrderElementsOf(kept.stream().map(CustomerEvent::messageId).toList());
				});
			}
		}
	}

	private static CustomerEvent event(String id, Instant at, EventType type, String... identifiers) {
		var builder = CustomerEvent.builder()
			.messageId("m-replay-" + id)
			.type(type)
			.name((type == EventType.TRACK) ? "Order Completed" : (type == EventType.PAGE) ? "Home" : null)
			.channel(Channel.WEB)
			.sourceId("source-web")
			.occurredAt(at)
			.receivedAt(at);
		for (String identifier : identifiers) {
			builder.identifier(Identifier.parse(identifier));
		}
		return builder.build();
	}

}
