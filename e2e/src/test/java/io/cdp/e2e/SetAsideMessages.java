package io.cdp.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cdp.contract.caller.CallerHeader;
import io.cdp.contract.event.DeadLetter;
import io.cdp.contract.json.ContractJson;
import io.cdp.contract.quarantine.QuarantinedRecord;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The messages the pipeline took in and then set aside instead of storing, with their
 * reasons.
 *
 * <p>
 * {@link #read()} is the one place that knows where set-aside messages are kept. Where
 * the ingest-service serves the dead-letter store ({@code GET /v1/admin/dead-letters}),
 * they are read there, page by page: that store is what an operator sees and replays
 * from. Without it, they are read from the broker: what a stage quarantined
 * ({@code cdp.quarantine.v1}) and what the profile-service dead-lettered
 * ({@code cdp.events.dlq.v1}, whose records carry the event as their payload).
 */
final class SetAsideMessages implements AutoCloseable {

	/**
	 * One set-aside message.
	 *
	 * @param messageId its message id, if it could be read
	 * @param sourceId its source, if it could be read
	 * @param where the topic and why, for reports
	 */
	record SetAside(@Nullable String messageId, @Nullable String sourceId, String where) {

	}

	private static final Duration CATCH_UP = Duration.ofSeconds(10);

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final String quarantineTopic;

	private final Deserializer<QuarantinedRecord> quarantinedRecords;

	private final Deserializer<DeadLetter> deadLetters;

	private final List<TopicPartition> partitions;

	private final List<SetAside> seen = new ArrayList<>();

	private final HostileStack stack;

	private final HttpJson http = new HttpJson();

	SetAsideMessages(TestKafka kafka, HostileStack stack) {
		this.stack = stack;
		Map<String, Object> properties = kafka.consumerProperties();
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		this.consumer = new KafkaConsumer<>(properties);
		this.quarantineTopic = kafka.topics().quarantine().name();
		this.quarantinedRecords = kafka.topics().quarantine().valueSerde().deserializer();
		this.deadLetters = kafka.topics().eventsDeadLetter().valueSerde().deserializer();
		this.partitions = new ArrayList<>();
		for (String topic : List.of(this.quarantineTopic, kafka.topics().eventsDeadLetter().name())) {
			this.consumer.partitionsFor(topic)
				.forEach((partition) -> this.partitions.add(new TopicPartition(topic, partition.partition())));
		}
		this.consumer.assign(this.partitions);
		this.consumer.seekToBeginning(this.partitions);
	}

	/** Everything set aside so far: from the dead-letter store if there is one. */
	List<SetAside> read() {
		List<SetAside> stored = fromDeadLetterStore();
		return (stored != null) ? stored : fromBroker();
	}

	/** Every page of the dead-letter store; null where the ingest-service has none. */
	private @Nullable List<SetAside> fromDeadLetterStore() {
		List<SetAside> letters = new ArrayList<>();
		String cursor = null;
		do {
			JsonNode page = this.http.get(
					this.stack.service("ingest-service")
						.uri("/v1/admin/dead-letters?limit=500" + ((cursor != null) ? "&cursor=" + cursor : "")),
					CallerHeader.NAME, this.stack.callerHeader("admin"));
			if (page == null) {
				return (cursor == null) ? null : letters;
			}
			for (JsonNode letter : page.path("items")) {
				JsonNode payload = letter.path("payloadBase64").asBoolean() ? null
						: json(letter.path("payload").asString("").getBytes(StandardCharsets.UTF_8));
				String messageId = text(letter, "messageId");
				String sourceId = text(letter, "sourceId");
				letters.add(new SetAside(
						(messageId != null || payload == null) ? messageId : text(payload, "messageId"),
						(sourceId != null || payload == null) ? sourceId : text(payload, "sourceId"),
						"in the dead-letter store: " + text(letter, "stage") + " (" + text(letter, "reason") + ")"));
			}
			cursor = text(page, "nextCursor");
		}
		while (cursor != null);
		return letters;
	}

	private List<SetAside> fromBroker() {
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(this.partitions);
		long deadline = System.nanoTime() + CATCH_UP.toNanos();
		while (System.nanoTime() < deadline
				&& ends.entrySet().stream().anyMatch((end) -> this.consumer.position(end.getKey()) < end.getValue())) {
			for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
				this.seen.add(record.topic().equals(this.quarantineTopic) ? quarantined(record) : deadLettered(record));
			}
		}
		return List.copyOf(this.seen);
	}

	@Override
	public void close() {
		this.consumer.close();
	}

	private SetAside quarantined(ConsumerRecord<byte[], byte[]> record) {
		try {
			QuarantinedRecord quarantined = this.quarantinedRecords.deserialize(record.topic(), record.value());
			String messageId = quarantined.messageId();
			String sourceId = quarantined.sourceId();
			JsonNode original = json(quarantined.value());
			if (messageId == null && original != null) {
				messageId = text(original, "messageId");
			}
			if (sourceId == null && original != null) {
				sourceId = text(original, "sourceId");
			}
			return new SetAside(messageId, sourceId,
					"quarantined by " + quarantined.stage() + " (" + quarantined.reason() + ")");
		}
		catch (RuntimeException ex) {
			return new SetAside(null, null, "an unreadable quarantine record: " + ex.getMessage());
		}
	}

	private SetAside deadLettered(ConsumerRecord<byte[], byte[]> record) {
		try {
			DeadLetter letter = this.deadLetters.deserialize(record.topic(), record.value());
			JsonNode payload = json(letter.payload().getBytes(StandardCharsets.UTF_8));
			String messageId = (payload != null) ? text(payload, "messageId") : null;
			String sourceId = (letter.sourceId() != null) ? letter.sourceId()
					: ((payload != null) ? text(payload, "sourceId") : null);
			return new SetAside(messageId, sourceId, "dead-lettered: " + letter.reason());
		}
		catch (RuntimeException ex) {
			return new SetAside(null, null, "an unreadable dead letter: " + ex.getMessage());
		}
	}

	private static @Nullable JsonNode json(byte @Nullable [] bytes) {
		if (bytes == null) {
			return null;
		}
		try {
			return ContractJson.mapper().readTree(bytes);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.isObject() ? node.get(field) : null;
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
