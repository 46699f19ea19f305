package io.cdp.ingest.deadletter;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdp.contract.topic.TopicCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeadLetterWriterTests {

	@Test
	void shouldReportDownCountAndStartOverWhenItsLoopFails() {
		DeadLetterProperties settings = new DeadLetterProperties(true, "group", 10, Duration.ofMillis(10),
				Duration.ofMillis(10), 10, Duration.ofSeconds(1));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		AtomicInteger attempts = new AtomicInteger();
		DeadLetterWriter writer = new DeadLetterWriter((groupId) -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("no consumer today");
		}, null, TopicCatalog.defaults(), settings, "group", meters);

		writer.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 3);
			assertThat(writer.health().getStatus()).isEqualTo(Status.DOWN);
			assertThat(writer.health().getDetails()).containsEntry("state", "restarting")
				.containsEntry("error", "IllegalStateException: no consumer today");
			assertThat(meters.counter("cdp.deadletters.writer.restarts").count()).isGreaterThanOrEqualTo(2.0);
		}
		finally {
			writer.stop();
		}
		assertThat(writer.health().getDetails()).containsEntry("state", "stopped");
	}

}
