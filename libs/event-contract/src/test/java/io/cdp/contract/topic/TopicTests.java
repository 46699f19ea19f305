package io.cdp.contract.topic;

import java.time.Duration;
import java.util.Map;

import io.cdp.contract.topic.Topic.CleanupPolicy;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicTests {

	private static final Serde<String> KEYS = Serdes.String();

	private static final Serde<String> VALUES = Serdes.String();

	@Test
	void shouldConfigureDeletingTopicsWithRetentionInMilliseconds() {
		Topic<String, String> topic = Topic.deleting("cdp.events.v1", 6, Duration.ofDays(7), KEYS, VALUES);

		assertThat(topic.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
		assertThat(topic.configs())
			.containsExactlyInAnyOrderEntriesOf(Map.of("cleanup.policy", "delete", "retention.ms", "604800000"));
	}

	@Test
	void shouldConfigureCompactedTopicsWithoutRetention() {
		Topic<String, String> topic = Topic.compacted("cdp.profiles.v1", 6, KEYS, VALUES);

		assertThat(topic.retention()).isNull();
		assertThat(topic.configs()).containsExactly(Map.entry("cleanup.policy", "compact"));
	}

	@ParameterizedTest
	@EmptySource
	@ValueSource(strings = { ".", "..", "cdp events", "cdp/events", "cdp:events", "événements" })
	void shouldRejectNamesKafkaDoesNotAllow(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> Topic.compacted(name, 1, KEYS, VALUES))
			.withMessageContaining("not legal");
	}

	@Test
	void shouldAcceptNamesUpTo249Characters() {
		assertThat(Topic.compacted("t".repeat(249), 1, KEYS, VALUES).name()).hasSize(249);
		assertThatIllegalArgumentException().isThrownBy(() -> Topic.compacted("t".repeat(250), 1, KEYS, VALUES));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -3 })
	void shouldRequireAtLeastOnePartition(int partitions) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Topic.compacted("cdp.profiles.v1", partitions, KEYS, VALUES))
			.withMessage("topic cdp.profiles.v1 needs at least 1 partition but has " + partitions);
	}

	@Test
	void shouldRequirePositiveRetentionOnDeletingTopicsAndNoneOnCompactedOnes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Topic<>("t", 1, CleanupPolicy.DELETE, null, KEYS, VALUES));
		assertThatIllegalArgumentException().isThrownBy(() -> Topic.deleting("t", 1, Duration.ZERO, KEYS, VALUES));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Topic.deleting("t", 1, Duration.ofHours(-1), KEYS, VALUES));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Topic<>("t", 1, CleanupPolicy.COMPACT, Duration.ofDays(1), KEYS, VALUES));
	}

	@Test
	void shouldCopyWithOtherNameOrPartitionsLeavingTheOriginal() {
		Topic<String, String> original = Topic.deleting("a", 6, Duration.ofDays(1), KEYS, VALUES);

		assertThat(original.withName("b")).isEqualTo(Topic.deleting("b", 6, Duration.ofDays(1), KEYS, VALUES));
		assertThat(original.withPartitions(12)).isEqualTo(Topic.deleting("a", 12, Duration.ofDays(1), KEYS, VALUES));
		assertThat(original).isEqualTo(Topic.deleting("a", 6, Duration.ofDays(1), KEYS, VALUES));
		assertThat(original.withName("b").withPartitions(2)).extracting(Topic::keySerde, Topic::valueSerde)
			.containsExactly(KEYS, VALUES);
	}

}
