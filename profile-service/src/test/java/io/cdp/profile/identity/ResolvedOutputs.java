package io.cdp.profile.identity;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdp.contract.profile.ProfileEvent;
import io.cdp.contract.profile.ProfileState;
import io.cdp.contract.topic.TopicCatalog;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the identity topology committed to {@code cdp.profile-events.v1} and
 * {@code cdp.profiles.v1}, read the way a downstream consumer reads it (read-committed)
 * and folded into the grouping of events by surviving profile.
 */
final class ResolvedOutputs implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final TopicCatalog topics;

	private final String profileEventsTopic;

	private final Map<String, String> profileOfEvent = new HashMap<>();

	private final Map<String, ProfileState> profiles = new HashMap<>();

	private int eventsPublished;

	ResolvedOutputs(TestKafka kafka, TopicCatalog topics) {
		Map<String, Object> properties = kafka.consumerProperties();
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
		this.topics = topics;
		this.profileEventsTopic = topics.profileEvents().name();
		this.consumer.subscribe(List.of(topics.profileEvents().name(), topics.profiles().name()));
	}

	/** Reads whatever was committed since the last call. */
	ResolvedOutputs poll() {
		for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(200))) {
			if (record.topic().equals(this.profileEventsTopic)) {
				ProfileEvent published = this.topics.profileEvents()
					.valueSerde()
					.deserializer()
					.deserialize(record.topic(), record.value());
				this.profileOfEvent.put(published.event().messageId(), published.profileId());
				this.eventsPublished++;
			}
			else {
				this.profiles.put(record.key(),
						this.topics.profiles().valueSerde().deserializer().deserialize(record.topic(), record.value()));
			}
		}
		return this;
	}

	/** How many event records were published, duplicates included. */
	int eventsPublished() {
		return this.eventsPublished;
	}

	/** How many distinct events were published. */
	int distinctEvents() {
		return this.profileOfEvent.size();
	}

	/** The sets of messageIds per surviving profile, following merge pointers. */
	Set<Set<String>> grouping() {
		Map<String, Set<String>> groups = new HashMap<>();
		this.profileOfEvent.forEach((messageId,
				profileId) -> groups.computeIfAbsent(survivor(profileId), (id) -> new HashSet<>()).add(messageId));
		return new HashSet<>(groups.values());
	}

	/**
	 * Whether each surviving profile's own event count matches the events resolved to it,
	 * which fails if an event was counted twice or a merge lost or repeated history.
	 */
	boolean countsMatchGrouping() {
		Map<String, Integer> resolved = new HashMap<>();
		this.profileOfEvent.forEach((messageId, profileId) -> resolved.merge(survivor(profileId), 1, Integer::sum));
		for (Map.Entry<String, Integer> entry : resolved.entrySet()) {
			ProfileState profile = this.profiles.get(entry.getKey());
			if (profile == null || profile.eventCount() != entry.getValue()) {
				return false;
			}
		}
		return true;
	}

	private String survivor(String profileId) {
		String current = profileId;
		for (int hops = 0; hops <= this.profiles.size(); hops++) {
			ProfileState state = this.profiles.get(current);
			if (state == null || state.mergedInto() == null) {
				return current;
			}
			current = state.mergedInto().profileId();
		}
		throw new IllegalStateException("Merge pointers from " + profileId + " form a cycle");
	}

	@Override
	public void close() {
		this.consumer.close();
	}

}
