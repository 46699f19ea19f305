package io.cdp.bench.ceiling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cdp.bench.http.BenchHttp;
import io.cdp.bench.stack.ChildProcess;
import io.cdp.bench.stack.Pause;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The ceiling app running as a child JVM of the benchmark on a free port, with a topic of
 * its own, until closed (which stops it and deletes the topic).
 */
public final class CeilingProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final ChildProcess.Running process;

	private final URI base;

	private final String bootstrapServers;

	private final String topic;

	private CeilingProcess(ChildProcess.Running process, URI base, String bootstrapServers, String topic) {
		this.process = process;
		this.base = base;
		this.bootstrapServers = bootstrapServers;
		this.topic = topic;
	}

	/**
	 * Starts the app and waits until it answers.
	 * @param bootstrapServers the broker
	 * @param topic the topic it sends to, created here
	 * @param partitions the topic's partitions, the events topic's
	 * @param log where its output goes
	 * @return the running app
	 * @throws IllegalStateException when it does not answer within 90 s
	 */
	public static CeilingProcess start(String bootstrapServers, String topic, int partitions, Path log) {
		topics(bootstrapServers,
				(admin) -> admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) 1)))
					.all()
					.get(30, TimeUnit.SECONDS));
		int port = freePort();
		ChildProcess.Running process = ChildProcess.startJava(CeilingApplication.class.getName(),
				List.of("-Xms64m", "-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"),
				List.of("--server.port=" + port, "--cdp.bench.ceiling.bootstrap-servers=" + bootstrapServers,
						"--cdp.bench.ceiling.topic=" + topic, "--spring.main.banner-mode=off"),
				log);
		CeilingProcess ceiling = new CeilingProcess(process, URI.create("http://127.0.0.1:" + port), bootstrapServers,
				topic);
		try {
			ceiling.awaitReady();
			return ceiling;
		}
		catch (RuntimeException ex) {
			ceiling.close();
			throw ex;
		}
	}

	/**
	 * Where it answers.
	 * @return its base URL
	 */
	public URI base() {
		return this.base;
	}

	private void awaitReady() {
		BenchHttp http = new BenchHttp();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!http.get(this.base.resolve("/ready"), "Accept", "text/plain").ok()) {
			if (!this.process.alive()) {
				throw new IllegalStateException("The ceiling app stopped while starting; see " + this.process.log());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The ceiling app did not answer within " + START_TIMEOUT.toSeconds()
						+ " s; see " + this.process.log());
			}
			Pause.of(Duration.ofMillis(250));
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for the ceiling app", ex);
		}
	}

	@Override
	public void close() {
		this.process.close();
		topics(this.bootstrapServers,
				(admin) -> admin.deleteTopics(Set.of(this.topic)).all().get(30, TimeUnit.SECONDS));
	}

	private static void topics(String bootstrapServers, TopicChange change) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			change.apply(admin);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot create or delete the ceiling app's topic", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	@FunctionalInterface
	private interface TopicChange {

		void apply(Admin admin) throws InterruptedException, ExecutionException, TimeoutException;

	}

}
