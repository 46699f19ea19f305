package io.cdp.profile.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The grouping must not depend on how the work is spread: the same generated input run on
 * the real broker with one partition and one instance, and with six partitions and two
 * instances, gives the same people, both equal to the union-find reference.
 */
@RealInfrastructure
class PartitionIndependenceIT {

	private static final Logger logger = LoggerFactory.getLogger(PartitionIndependenceIT.class);

	private static final GeneratedJourneys INPUT = GeneratedJourneys.generate(20261123L, 500, 6, Instant.now());

	@Test
	void shouldGroupTheSameWithOnePartitionAsWithSixPartitionsOnTwoInstances(TestKafka kafka, @TempDir Path stateDir) {
		Set<Set<String>> single = resolve(kafka, "single", 1, 1, stateDir.resolve("single"));
		Set<Set<String>> partitioned = resolve(kafka, "partitioned", 6, 2, stateDir.resolve("partitioned"));

		assertThat(partitioned).isEqualTo(single);
		assertThat(single).isEqualTo(INPUT.expectedGrouping());
	}

	private Set<Set<String>> resolve(TestKafka kafka, String name, int partitions, int instances, Path stateDir) {
		try (IdentityCluster cluster = new IdentityCluster(kafka, name, partitions, stateDir);
				ResolvedOutputs outputs = new ResolvedOutputs(kafka, cluster.platformTopics())) {
			for (int instance = 0; instance < instances; instance++) {
				cluster.startInstance();
			}
			cluster.awaitRunning();
			long start = System.nanoTime();
			cluster.send(INPUT.events());
			await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
				outputs.poll();
				assertThat(outputs.distinctEvents()).as("events resolved").isEqualTo(INPUT.messageIds().size());
				assertThat(outputs.grouping()).as("people").hasSameSizeAs(INPUT.expectedGrouping());
				assertThat(outputs.countsMatchGrouping()).as("event counts of surviving profiles").isTrue();

			});
			assertThat(outputs.grouping()).isEqualTo(INPUT.expectedGrouping());
			double seconds = (System.nanoTime() - start) / 1e9;
			logger.info(
					"Identity topology, {} partition(s), {} instance(s): {} events ({} distinct) resolved into {} "
							+ "people in {} s, {} events/s",
					partitions, instances, INPUT.events().size(), INPUT.messageIds().size(),
					INPUT.expectedGrouping().size(), String.format("%.1f", seconds),
					Math.round(INPUT.events().size() / seconds));
			assertThat(outputs.eventsPublished()).as("events published, duplicates included")
				.isEqualTo(INPUT.messageIds().size());
			return outputs.grouping();
		}
	}

}
