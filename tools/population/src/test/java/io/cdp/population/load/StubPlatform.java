package io.cdp.population.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on a free port that records each request and answers from a script per
 * path, or 200 with an empty batch receipt when the script runs out.
 */
final class StubPlatform implements AutoCloseable {

	private final HttpServer server;

	private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

	private final List<Scripted> script = Collections.synchronizedList(new ArrayList<>());

	StubPlatform() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Answers the next request on the path with this status, body and headers. */
	StubPlatform answer(String path, int status, String body, String... headers) {
		this.script.add(new Scripted(path, status, body, List.of(headers)));
		return this;
	}

	List<Request> requests() {
		return List.copyOf(this.requests);
	}

	private void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		this.requests
			.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
		Scripted reply = next(path);
		for (int index = 0; index + 1 < reply.headers().size(); index += 2) {
			exchange.getResponseHeaders().add(reply.headers().get(index), reply.headers().get(index + 1));
		}
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(reply.status(), (body.length == 0) ? -1 : body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private Scripted next(String path) {
		synchronized (this.script) {
			for (int index = 0; index < this.script.size(); index++) {
				if (this.script.get(index).path().equals(path)) {
					return this.script.remove(index);
				}
			}
		}
		return new Scripted(path, 200, "{\"success\":true,\"accepted\":0,\"rejected\":[]}", List.of());
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Request(String method, String path, String authorization, String body) {

	}

	private record Scripted(String path, int status, String body, List<String> headers) {

	}

}
