package io.cdp.bench.stack;

import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PipelineLagTests {

	@Test
	void shouldSkipAGroupDeletedBetweenListingAndDescribing() {
		assertThat(PipelineLag.unlessGone(failed(new GroupIdNotFoundException("Group x is not a consumer group."))))
			.isNull();
	}

	@Test
	void shouldSkipAPartitionOfATopicDeletedSinceTheGroupCommittedOnIt() {
		assertThat(PipelineLag.unlessGone(failed(new UnknownTopicOrPartitionException(
				"Failed to fetch metadata for partition plain-by-first-identifier-repartition-0"))))
			.isNull();
	}

	@Test
	void shouldStillFailOnAnyOtherError() {
		assertThatIllegalStateException().isThrownBy(() -> PipelineLag.unlessGone(failed(new TimeoutException("slow"))))
			.withMessageContaining("lag");
	}

	@Test
	void shouldPassAnAnswerOn() {
		assertThat(PipelineLag.unlessGone(KafkaFuture.completedFuture(42L))).isEqualTo(42L);
	}

	private static KafkaFuture<Long> failed(Exception cause) {
		KafkaFutureImpl<Long> future = new KafkaFutureImpl<>();
		future.completeExceptionally(cause);
		return future;
	}

}
