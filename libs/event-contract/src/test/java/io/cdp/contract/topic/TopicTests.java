package io.cdp.contract.topic;

import java.time.Duration;
import java.util.Map;

import io.cdp.contract.topic.Topic.CleanupPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopicTests {

	@Test
	void shouldConfigureDeletingTopicsWithRetentionInMilliseconds() {
		Topic topic = Topic.deleting("cdp.events.v1", 6, Duration.ofDays(7));

		assertThat(topic.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE);
		assertThat(topic.configs())
			.containsExactlyInAnyOrderEntriesOf(Map.of("cleanup.policy", "delete", "retention.ms", "604800000"));
	}

	@Test
	void shouldConfigureCompactedTopicsWithoutRetention() {
		Topic topic = Topic.compacted("cdp.profiles.v1", 6);

		assertThat(topic.retention()).isNull();
		assertThat(topic.configs()).containsExactly(Map.entry("cleanup.policy", "compact"));
	}

	@ParameterizedTest
	@EmptySource
	@ValueSource(strings = { ".", "..", "cdp events", "cdp/events", "cdp:events", "événements" })
	void shouldRejectNamesKafkaDoesNotAllow(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> Topic.compacted(name, 1))
			.withMessageContaining("not legal");
	}

	@Test
	void shouldAcceptNamesUpTo249Characters() {
		assertThat(Topic.compacted("t".repeat(249), 1).name()).hasSize(249);
		assertThatIllegalArgumentException().isThrownBy(() -> Topic.compacted("t".repeat(250), 1));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -3 })
	void shouldRequireAtLeastOnePartition(int partitions) {
		assertThatIllegalArgumentException().isThrownBy(() -> Topic.compacted("cdp.profiles.v1", partitions))
			.withMessage("topic cdp.profiles.v1 needs at least 1 partition but has " + partitions);
	}

	@Test
	void shouldRequirePositiveRetentionOnDeletingTopicsAndNoneOnCompactedOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Topic("t", 1, CleanupPolicy.DELETE, null));
		assertThatIllegalArgumentException().isThrownBy(() -> Topic.deleting("t", 1, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> Topic.deleting("t", 1, Duration.ofHours(-1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Topic("t", 1, CleanupPolicy.COMPACT, Duration.ofDays(1)));
	}

	@Test
	void shouldCopyWithOtherNameOrPartitionsLeavingTheOriginal() {
		Topic original = Topic.deleting("a", 6, Duration.ofDays(1));

		assertThat(original.withName("b")).isEqualTo(Topic.deleting("b", 6, Duration.ofDays(1)));
		assertThat(original.withPartitions(12)).isEqualTo(Topic.deleting("a", 12, Duration.ofDays(1)));
		assertThat(original).isEqualTo(Topic.deleting("a", 6, Duration.ofDays(1)));
	}

}
