package io.cdp.bench.fault;

import java.time.Instant;

import io.cdp.bench.http.Exchange;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SdkLoadTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void shouldRetryWhatAnSdkRetriesAndDropOtherClientErrors() {
		assertThat(SdkLoad.retryable(Exchange.NO_ANSWER)).isTrue();
		assertThat(SdkLoad.retryable(408)).isTrue();
		assertThat(SdkLoad.retryable(429)).isTrue();
		assertThat(SdkLoad.retryable(500)).isTrue();
		assertThat(SdkLoad.retryable(503)).isTrue();
		assertThat(SdkLoad.retryable(400)).isFalse();
		assertThat(SdkLoad.retryable(401)).isFalse();
		assertThat(SdkLoad.retryable(413)).isFalse();
	}

	@Test
	void shouldReadTheRejectedPositionsOfAReceipt() {
		assertThat(SdkLoad.rejectedIndexes("{\"success\":true,\"accepted\":10,\"rejected\":[]}")).isEmpty();
		assertThat(SdkLoad.rejectedIndexes(
				"{\"success\":true,\"accepted\":8,\"rejected\":[{\"index\":1,\"field\":\"userId\",\"reason\":\"x\"},"
						+ "{\"index\":7,\"field\":null,\"reason\":\"y\"}]}"))
			.containsExactly(1, 7);
	}

	@Test
	void shouldSendTheSameEventsOnEveryAttemptWithOnlySentAtChanged() {
		MessageIds ids = MessageIds.of("run1");
		SdkLoad.Batch batch = new SdkLoad.Batch(20, 3, Instant.parse("2026-12-05T10:00:00.123Z"));

		JsonNode first = JSON.readTree(batch.body(ids, Instant.parse("2026-12-05T10:00:00.200Z")));
		JsonNode retry = JSON.readTree(batch.body(ids, Instant.parse("2026-12-05T10:00:03.500Z")));

		assertThat(retry.path("batch")).isEqualTo(first.path("batch"));
		assertThat(retry.path("sentAt").asString()).isEqualTo("2026-12-05T10:00:03.500Z");
		assertThat(first.path("batch")).hasSize(3);
		JsonNode event = first.path("batch").get(2);
		assertThat(event.path("messageId").asString()).isEqualTo("fault-run1-22");
		assertThat(event.path("type").asString()).isEqualTo("track");
		assertThat(event.path("timestamp").asString()).isEqualTo("2026-12-05T10:00:00.123Z");
		assertThat(event.path("userId").asString()).startsWith("fault-run1-user-");
	}

}
