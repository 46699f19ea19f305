package io.cdp.ingest.deadletter;

import java.time.Duration;

import io.cdp.contract.topic.TopicCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLetterWriterTests {

	@Test
	void shouldReportDownOnceItsThreadDied() {
		DeadLetterProperties settings = new DeadLetterProperties(true, "group", 10, Duration.ofMillis(10),
				Duration.ofMillis(10), 10, Duration.ofSeconds(1));
		DeadLetterWriter writer = new DeadLetterWriter((groupId) -> {
			throw new IllegalStateException("no consumer today");
		}, null, TopicCatalog.defaults(), settings, "group", new SimpleMeterRegistry());

		writer.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> writer.health().getStatus().equals(Status.DOWN));
			assertThat(writer.health().getDetails()).containsEntry("state", "dead")
				.containsEntry("error", "IllegalStateException");
		}
		finally {
			writer.stop();
		}
		assertThat(writer.health().getDetails()).containsEntry("state", "stopped");
	}

}
