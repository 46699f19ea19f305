package io.cdp.ingest.suppression;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.event.EventType;
import io.cdp.contract.event.Identifier;
import io.cdp.contract.event.IdentifierType;
import io.cdp.contract.normalization.IdentifierNormalizer;
import io.cdp.contract.normalization.NormalizationRules;
import io.cdp.contract.privacy.IdentifierHash;
import io.cdp.contract.privacy.Suppression;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The suppression list's reader on the real broker: read whole before it reports UP,
 * following additions and tombstones afterwards, and a topic that does not exist yet
 * counted as empty until it appears.
 */
@RealInfrastructure
class SuppressionFollowerIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void shouldReportUpOnlyOnceItHasReadWhatWasSuppressedBeforeItStarted(TestKafka kafka) throws Exception {
		String topic = kafka.topics().suppressions().name();
		String ada = unique("ada");
		String grace = unique("grace");
		String lifted = unique("lifted");
		try (KafkaProducer<String, @Nullable Suppression> producer = producer(kafka)) {
			suppress(producer, topic, ada);
			suppress(producer, topic, lifted);
			suppress(producer, topic, grace);
			lift(producer, topic, lifted);
			SuppressionList list = list();
			SuppressionFollower follower = follower(kafka, list, topic);
			assertThat(follower.health().getStatus()).isEqualTo(Status.DOWN);

			follower.start();
			try {
				await().atMost(TIMEOUT).until(() -> follower.health().getStatus().equals(Status.UP));
				assertThat(list.suppresses(emailEvent(ada))).isTrue();
				assertThat(list.suppresses(emailEvent(grace))).isTrue();
				assertThat(list.suppresses(emailEvent(lifted))).isFalse();
				assertThat(list.size()).isEqualTo(2);

				lift(producer, topic, ada);
				String later = unique("later");
				suppress(producer, topic, later);
				await().atMost(TIMEOUT).until(() -> list.suppresses(emailEvent(later)));
				assertThat(list.suppresses(emailEvent(ada))).isFalse();
			}
			finally {
				follower.stop();
			}
			assertThat(follower.isRunning()).isFalse();
		}
	}

	@Test
	void shouldCountATopicThatDoesNotExistYetAsEmptyAndReadItOnceItAppears(TestKafka kafka) throws Exception {
		String topic = kafka.topicPrefix() + ".late-suppressions";
		SuppressionList list = list();
		SuppressionFollower follower = follower(kafka, list, topic);

		follower.start();
		try {
			await().atMost(TIMEOUT).until(() -> follower.health().getStatus().equals(Status.UP));
			assertThat(list.size()).isZero();

			kafka.createTopics("late-suppressions");
			String ada = unique("ada");
			try (KafkaProducer<String, @Nullable Suppression> producer = producer(kafka)) {
				suppress(producer, topic, ada);
			}
			await().atMost(TIMEOUT).until(() -> list.suppresses(emailEvent(ada)));
		}
		finally {
			follower.stop();
		}
	}

	private static SuppressionList list() {
		return new SuppressionList(new IdentifierNormalizer(NormalizationRules.defaults()));
	}

	private static SuppressionFollower follower(TestKafka kafka, SuppressionList list, String topic) {
		return new SuppressionFollower(list, SuppressionConfiguration.readers(kafka.consumerProperties()), topic,
				Duration.ofMillis(200));
	}

	private static KafkaProducer<String, @Nullable Suppression> producer(TestKafka kafka) {
		return new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
				kafka.topics().suppressions().valueSerde().serializer());
	}

	private static void suppress(KafkaProducer<String, @Nullable Suppression> producer, String topic, String email)
			throws Exception {
		String hash = IdentifierHash.ofKey("email:" + email);
		producer.send(new ProducerRecord<>(topic, hash, new Suppression(hash, "request-1", Instant.now()))).get();
	}

	private static void lift(KafkaProducer<String, @Nullable Suppression> producer, String topic, String email)
			throws Exception {
		producer.send(new ProducerRecord<>(topic, IdentifierHash.ofKey("email:" + email), null)).get();
	}

	private static CustomerEvent emailEvent(String email) {
		return CustomerEvent.builder()
			.type(EventType.IDENTIFY)
			.channel(Channel.WEB)
			.sourceId("web")
			.identifier(new Identifier(IdentifierType.EMAIL, email.toUpperCase(Locale.ROOT)))
			.occurredAt(Instant.EPOCH)
			.receivedAt(Instant.EPOCH)
			.build();
	}

	private static String unique(String name) {
		return name + "-" + UUID.randomUUID() + "@example.com";
	}

}
