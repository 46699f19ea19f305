package io.cdp.testinfra.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.cdp.testinfra.DockerEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A running Redis server shared by the test classes of one JVM. {@link #start()} picks
 * the first that applies: {@code CDP_TEST_REDIS_URL}; Testcontainers where a Docker
 * engine answers; the local server on {@code 127.0.0.1:6379} when it answers
 * {@code PING}; else an embedded {@code redis-server} (binaries from Maven Central) on a
 * free port. Tests share the server's keyspace, so each keeps to keys of its own.
 */
public interface RedisBackend extends AutoCloseable {

	/** Environment variable naming an external server, as a {@code redis://} URL. */
	String EXTERNAL_URL_ENV = "CDP_TEST_REDIS_URL";

	/** The server's {@code redis://host:port} URL. */
	String url();

	/** Stops the server if this JVM started it. */
	@Override
	void close();

	/** Starts (or connects to) the server for this JVM and logs which one it is. */
	static RedisBackend start() {
		Logger log = LoggerFactory.getLogger(RedisBackend.class);
		long started = System.nanoTime();
		String external = System.getenv(EXTERNAL_URL_ENV);
		RedisBackend backend;
		if (external != null && !external.isBlank()) {
			backend = new Running("server from " + EXTERNAL_URL_ENV, external, () -> {
			});
		}
		else if (DockerEngine.isAvailable()) {
			backend = container();
		}
		else if (answersPing("127.0.0.1", 6379)) {
			backend = new Running("local server", "redis://127.0.0.1:6379", () -> {
			});
		}
		else {
			backend = EmbeddedRedis.start();
		}
		log.info("Redis for integration tests: {} (ready in {} ms)", backend,
				(System.nanoTime() - started) / 1_000_000);
		return backend;
	}

	private static RedisBackend container() {
		GenericContainer<?> container = new GenericContainer<>("redis:7.4-alpine").withExposedPorts(6379);
		container.start();
		return new Running("Testcontainers redis:7.4-alpine",
				"redis://" + container.getHost() + ":" + container.getMappedPort(6379), container::stop);
	}

	/** Whether a Redis server answers {@code PING} at the address within a second. */
	static boolean answersPing(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A server that answers at a URL, and what stops it.
	 *
	 * @param description which server this is, for the log
	 * @param url its {@code redis://} URL
	 * @param stopper stops it, or does nothing if it is not ours
	 */
	record Running(String description, String url, Runnable stopper) implements RedisBackend {

		@Override
		public void close() {
			this.stopper.run();
		}

		@Override
		public String toString() {
			return this.description + " at " + this.url;
		}

	}

}
