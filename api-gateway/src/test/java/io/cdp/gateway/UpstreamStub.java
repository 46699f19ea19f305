package io.cdp.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in upstream service that answers every request with 200 and a small JSON body
 * naming itself and the path, and records what it received.
 */
public final class UpstreamStub implements AutoCloseable {

	private final String name;

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger failuresLeft = new AtomicInteger();

	private UpstreamStub(String name) throws IOException {
		this.name = name;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders(), body.length));
			if (this.failuresLeft.getAndUpdate((left) -> Math.max(0, left - 1)) > 0) {
				exchange.sendResponseHeaders(503, -1);
				exchange.close();
				return;
			}
			byte[] answer = ("{\"upstream\":\"" + this.name + "\",\"path\":\"" + exchange.getRequestURI().getPath()
					+ "\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		});
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

	/** Answers the next requests with 503. */
	public void failNext(int requests) {
		this.failuresLeft.set(requests);
	}

	/** The last request received. */
	public Received last() {
		return this.received.getLast();
	}

	/** How many requests arrived so far. */
	public int count() {
		return this.received.size();
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
