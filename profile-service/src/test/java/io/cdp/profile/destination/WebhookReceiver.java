package io.cdp.profile.destination;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cdp.contract.json.ContractJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP receiver on 127.0.0.1 for the delivery tests: it records every request and
 * answers each path from a script (a queue of answers, then 200), or holds requests to a
 * path until released.
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

	WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/** Answers the next requests to the path with these answers, in order, then 200. */
	void script(String path, Answer... answers) {
		this.scripts.computeIfAbsent(path, (p) -> new ArrayDeque<>()).addAll(List.of(answers));
	}

	/** Holds every request to the path until {@link #release}. */
	void hold(String path) {
		this.held.put(path, new CountDownLatch(1));
	}

	void release(String path) {
		CountDownLatch latch = this.held.remove(path);
		if (latch != null) {
			latch.countDown();
		}
	}

	List<Received> received(String path) {
		return this.received.stream().filter((r) -> r.path().equals(path)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		Instant at = Instant.now();
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		String path = exchange.getRequestURI().getPath();
		CountDownLatch latch = this.held.get(path);
		if (latch != null) {
			try {
				latch.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		Deque<Answer> script = this.scripts.get(path);
		Answer answer;
		synchronized (this) {
			answer = (script != null && !script.isEmpty()) ? script.poll() : new Answer(200, null);
		}
		this.received.add(new Received(path, exchange.getRequestHeaders().getFirst("Idempotency-Key"),
				exchange.getRequestHeaders().getFirst("CDP-Signature"), body, at, answer.status()));
		if (answer.retryAfter() != null) {
			exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
		}
		exchange.sendResponseHeaders(answer.status(), -1);
		try (OutputStream out = exchange.getResponseBody()) {
			out.flush();
		}
	}

	@Override
	public void close() {
		this.held.values().forEach(CountDownLatch::countDown);
		this.server.stop(0);
	}

	/**
	 * A scripted answer.
	 *
	 * @param status the status
	 * @param retryAfter the {@code Retry-After} header, if any
	 */
	record Answer(int status, @Nullable String retryAfter) {

	}

	/**
	 * A request as received.
	 *
	 * @param path its path
	 * @param idempotencyKey its {@code Idempotency-Key}
	 * @param signature its {@code CDP-Signature}
	 * @param body its body
	 * @param at when it arrived
	 * @param answered the status it was answered with
	 */
	record Received(String path, @Nullable String idempotencyKey, @Nullable String signature, byte[] body, Instant at,
			int answered) {

		JsonNode json() {
			return ContractJson.mapper().readTree(this.body);
		}

		List<JsonNode> changes() {
			JsonNode changes = json().get("changes");
			return java.util.stream.IntStream.range(0, changes.size()).mapToObj(changes::get).toList();
		}

	}

}
