package io.cdp.profile.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.profile.ProfileServiceProcess;
import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestDatabase;
import io.cdp.testinfra.TestKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly-once across a crash: the profile service runs in a child JVM while events
 * stream in, is killed without warning part-way, and a new instance takes over the same
 * state directory. Every event ends up in exactly one profile, none is lost, none is
 * counted twice.
 */
@RealInfrastructure
class CrashRecoveryIT {

	private static final GeneratedJourneys INPUT = GeneratedJourneys.generate(42L, 800, 5, Instant.now());

	private static final Logger logger = LoggerFactory.getLogger(CrashRecoveryIT.class);

	private static final int BATCH = 100;

	@Test
	void shouldLoseAndDoubleCountNothingWhenAnInstanceIsKilledMidStream(TestKafka kafka, TestDatabase database,
			@TempDir Path stateDir) throws Exception {
		int total = INPUT.messageIds().size();
		try (ResolvedOutputs outputs = new ResolvedOutputs(kafka, kafka.topics())) {
			ProfileServiceProcess first = ProfileServiceProcess.start(kafka, database, stateDir, "crash-recovery",
					"first");
			CompletableFuture<Void> sending;
			try {
				sending = sendPaced(kafka);
				await().atMost(Duration.ofSeconds(60)).until(() -> outputs.poll().distinctEvents() >= total / 4);
			}
			finally {
				first.kill();
			}
			int resolvedBeforeCrash = outputs.poll().distinctEvents();
			assertThat(resolvedBeforeCrash).as("events resolved when the instance was killed").isLessThan(total);
			logger.info("Killed the instance with {} of {} events resolved", resolvedBeforeCrash, total);

			ProfileServiceProcess second = ProfileServiceProcess.start(kafka, database, stateDir, "crash-recovery",
					"second");
			try {
				sending.join();
				await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
					outputs.poll();
					assertThat(outputs.distinctEvents()).as("events resolved").isEqualTo(total);
					assertThat(outputs.grouping()).as("people").hasSameSizeAs(INPUT.expectedGrouping());
					assertThat(outputs.countsMatchGrouping()).as("event counts of surviving profiles").isTrue();
				});
			}
			finally {
				second.stop();
			}
			assertThat(outputs.grouping()).isEqualTo(INPUT.expectedGrouping());
			assertThat(outputs.eventsPublished()).as("events published, duplicates included").isEqualTo(total);
		}
	}

	/**
	 * Sends the input at about a thousand events a second, keyed by messageId: a batch
	 * every tenth of a second from a scheduler, so that the instance is killed while
	 * events still arrive.
	 */
	private CompletableFuture<Void> sendPaced(TestKafka kafka) {
		List<CustomerEvent> events = INPUT.events();
		IdentityCluster.Sender sender = new IdentityCluster.Sender(kafka, kafka.topics().events().name());
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		CompletableFuture<Void> done = new CompletableFuture<>();
		AtomicInteger next = new AtomicInteger();
		scheduler.scheduleAtFixedRate(() -> {
			try {
				int from = next.getAndAdd(BATCH);
				if (from >= events.size()) {
					return;
				}
				sender.send(events.subList(from, Math.min(events.size(), from + BATCH)));
				if (from + BATCH >= events.size()) {
					done.complete(null);
				}
			}
			catch (RuntimeException ex) {
				done.completeExceptionally(ex);
			}
		}, 0, 100, TimeUnit.MILLISECONDS);
		return done.whenComplete((ignored, failure) -> {
			// Runs on the scheduler's own thread: shut down without interrupting it.
			scheduler.shutdown();
			sender.close();
		});
	}

}
