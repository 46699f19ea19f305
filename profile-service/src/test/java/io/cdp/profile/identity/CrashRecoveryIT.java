package io.cdp.profile.identity;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cdp.contract.event.CustomerEvent;
import io.cdp.profile.ProfileApplication;
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

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void shouldLoseAndDoubleCountNothingWhenAnInstanceIsKilledMidStream(TestKafka kafka, TestDatabase database,
			@TempDir Path stateDir) throws Exception {
		int total = INPUT.messageIds().size();
		try (ResolvedOutputs outputs = new ResolvedOutputs(kafka, kafka.topics())) {
			Process first = startInstance(kafka, database, stateDir, "first");
			CompletableFuture<Void> sending;
			try {
				sending = sendPaced(kafka);
				await().atMost(Duration.ofSeconds(60)).until(() -> outputs.poll().distinctEvents() >= total / 4);
			}
			finally {
				first.destroyForcibly().waitFor();
			}
			int resolvedBeforeCrash = outputs.poll().distinctEvents();
			assertThat(resolvedBeforeCrash).as("events resolved when the instance was killed").isLessThan(total);
			logger.info("Killed the instance with {} of {} events resolved", resolvedBeforeCrash, total);

			Process second = startInstance(kafka, database, stateDir, "second");
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
				second.destroy();
				second.waitFor();
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

	private Process startInstance(TestKafka kafka, TestDatabase database, Path stateDir, String name)
			throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.add("-Xmx512m");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ProfileApplication.class.getName());
		command.add("--server.port=" + port);
		command.add("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
		command.add("--cdp.topics.prefix=" + kafka.topicPrefix());
		command.add("--cdp.identity.state-dir=" + stateDir);
		// The killed instance leaves the group only when its session times out.
		command.add("--cdp.identity.streams[session.timeout.ms]=6000");
		command.add("--spring.datasource.url=" + database.jdbcUrl());
		command.add("--spring.datasource.username=" + database.username());
		command.add("--spring.datasource.password=" + database.password());
		Path log = Files.createDirectories(Path.of("target", "crash-recovery")).resolve(name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		URI readiness = URI.create("http://localhost:" + port + "/actuator/health/readiness");
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
			assertThat(process.isAlive()).as("instance %s is alive (see %s)", name, log).isTrue();
			return isReady(readiness);
		});
		return process;
	}

	private boolean isReady(URI readiness) {
		try {
			return this.http.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding())
				.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
