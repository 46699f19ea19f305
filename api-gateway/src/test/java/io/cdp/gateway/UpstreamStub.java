package io.cdp.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in upstream service that answers every request with 200 and a small JSON body
 * naming itself and the path, echoing the request id as the services do (and any header a
 * test asks for on a URI), and records what it received. A test can make it fail the next
 * requests: answer 503, close the connection without an answer, break an answer off after
 * its first bytes, pause an answer after its first bytes, or hold the answer back.
 */
public final class UpstreamStub implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, Map<String, String>> answerHeaders = new ConcurrentHashMap<>();

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private final AtomicInteger dropsLeft = new AtomicInteger();

	private final AtomicInteger stallsLeft = new AtomicInteger();

	private final AtomicInteger cutsLeft = new AtomicInteger();

	private final AtomicInteger pausesLeft = new AtomicInteger();

	private volatile CountDownLatch release = new CountDownLatch(1);

	private UpstreamStub(String name) throws IOException {
		this.name = name;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders(), body.length));
			if (take(this.dropsLeft)) {
				// Closed without a status line: the connection ends before any answer.
				exchange.close();
				return;
			}
			if (take(this.stallsLeft)) {
				awaitRelease();
			}
			if (take(this.cutsLeft)) {
				// A 200 whose body breaks off: the first bytes of the longer body it
				// declared, then the connection is closed.
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, 1000);
				OutputStream out = exchange.getResponseBody();
				out.write("{\"broken\":\"".getBytes(StandardCharsets.UTF_8));
				out.flush();
				exchange.close();
				return;
			}
			if (take(this.pausesLeft)) {
				// A 200 whose body pauses after its first bytes until released.
				byte[] first = "{\"paused\":\"".getBytes(StandardCharsets.UTF_8);
				byte[] rest = ("x".repeat(64 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, first.length + rest.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(first);
					out.flush();
					awaitRelease();
					out.write(rest);
				}
				return;
			}
			if (take(this.failuresLeft)) {
				exchange.sendResponseHeaders(503, -1);
				exchange.close();
				return;
			}
			byte[] answer = ("{\"upstream\":\"" + this.name + "\",\"path\":\"" + exchange.getRequestURI().getPath()
					+ "\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			this.answerHeaders.getOrDefault(exchange.getRequestURI().toString(), Map.of())
				.forEach((header, value) -> exchange.getResponseHeaders().add(header, value));
			// As the services do: the request id comes back on the answer.
			String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
			if (requestId != null) {
				exchange.getResponseHeaders().add("X-Request-Id", requestId);
			}
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		});
		// Stalled answers must not hold up the others.
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "upstream-stub-" + name);
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	/** Starts a stub on a free loopback port. */
	public static UpstreamStub start(String name) {
		try {
			return new UpstreamStub(name);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start the " + name + " stub", ex);
		}
	}

	/** The stub's base URI. */
	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Answers every request for this URI (path and query, as the stub receives it) with
	 * this header too, as a service names the profiles an answer shows.
	 */
	public void answerWithHeader(String uri, String name, String value) {
		this.answerHeaders.computeIfAbsent(uri, (key) -> new ConcurrentHashMap<>()).put(name, value);
	}

	/** Answers the next requests with 503. */
	public void failNext(int requests) {
		this.failuresLeft.set(requests);
	}

	/** Closes the connection of the next requests without answering them. */
	public void dropNext(int requests) {
		this.dropsLeft.set(requests);
	}

	/**
	 * Answers the next requests with a 200 whose body breaks off after its first bytes
	 * (the connection is closed before the declared length).
	 */
	public void cutNext(int requests) {
		this.cutsLeft.set(requests);
	}

	/**
	 * Answers the next requests with a 200 whose body pauses after its first bytes until
	 * {@link #releaseStalled()}, or for at most a minute.
	 */
	public void pauseBodyOfNext(int requests) {
		this.release = new CountDownLatch(1);
		this.pausesLeft.set(requests);
	}

	/**
	 * Holds the answers to the next requests until {@link #releaseStalled()}, or for at
	 * most a minute.
	 */
	public void stallNext(int requests) {
		this.release = new CountDownLatch(1);
		this.stallsLeft.set(requests);
	}

	/** Lets stalled answers go. */
	public void releaseStalled() {
		this.stallsLeft.set(0);
		this.pausesLeft.set(0);
		this.release.countDown();
	}

	/** The last request received. */
	public Received last() {
		return this.received.getLast();
	}

	/** How many requests arrived so far. */
	public int count() {
		return this.received.size();
	}

	private static boolean take(AtomicInteger left) {
		return left.getAndUpdate((count) -> Math.max(0, count - 1)) > 0;
	}

	private void awaitRelease() {
		try {
			this.release.await(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** One request as the upstream saw it. */
	public record Received(String method, String uri, Map<String, List<String>> headers, int bodyLength) {

		/** A header's first value, or null; names are case-insensitive. */
		public String header(String name) {
			Headers copy = new Headers();
			copy.putAll(this.headers);
			return copy.getFirst(name);
		}

	}

}
