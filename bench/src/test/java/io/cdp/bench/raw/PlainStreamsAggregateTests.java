package io.cdp.bench.raw;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import io.cdp.bench.raw.PlainStreamsAggregate.KeySeen;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainStreamsAggregateTests {

	private final AtomicLong processed = new AtomicLong();

	private final AtomicLong keys = new AtomicLong();

	private final TopologyTestDriver driver = new TopologyTestDriver(
			PlainStreamsAggregate.topology("events", this.processed, this.keys), settings());

	private final TestInputTopic<byte[], byte[]> events = this.driver.createInputTopic("events",
			new ByteArraySerializer(), new ByteArraySerializer());

	@AfterEach
	void close() {
		this.driver.close();
	}

	@Test
	void shouldCountEachFirstIdentifiersEventsWithTheLatestTimeSeen() {
		send("m1", "user_id", "ada", "2026-11-01T10:00:00Z");
		send("m2", "user_id", "ada", "2026-11-03T10:00:00Z");
		send("m3", "anonymous_id", "a-1", "2026-11-02T10:00:00Z");
		send("m4", "user_id", "ada", "2026-11-02T10:00:00Z");

		KeyValueStore<String, KeySeen> store = this.driver.getKeyValueStore(PlainStreamsAggregate.STORE);
		assertThat(store.get("user_id:ada"))
			.isEqualTo(new KeySeen(3, Instant.parse("2026-11-03T10:00:00Z").toEpochMilli()));
		assertThat(store.get("anonymous_id:a-1"))
			.isEqualTo(new KeySeen(1, Instant.parse("2026-11-02T10:00:00Z").toEpochMilli()));
		assertThat(this.processed).hasValue(4);
		assertThat(this.keys).hasValue(2);
	}

	@Test
	void shouldKeepItsAggregateSmall() {
		byte[] bytes = KeySeen.SERDE.serializer().serialize("t", new KeySeen(7, 1234));

		assertThat(bytes).hasSize(16);
		assertThat(KeySeen.SERDE.deserializer().deserialize("t", bytes)).isEqualTo(new KeySeen(7, 1234));
	}

	private void send(String messageId, String type, String value, String occurredAt) {
		String event = """
				{"schemaVersion":1,"messageId":"%s","type":"track","name":"Viewed","channel":"web","sourceId":"src_1",
				 "identifiers":[{"type":"%s","value":"%s"}],"traits":{},"properties":{},"context":{},
				 "occurredAt":"%s","receivedAt":"%s"}""".formatted(messageId, type, value, occurredAt, occurredAt);
		this.events.pipeInput(messageId.getBytes(StandardCharsets.UTF_8), event.getBytes(StandardCharsets.UTF_8));
	}

	private static Properties settings() {
		Properties settings = new Properties();
		settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "plain-aggregate-test");
		settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		settings.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
		return settings;
	}

}
