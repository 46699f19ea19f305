package io.cdp.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * One HTTP/1.1 client with keep-alive: the connections it opens stay open between
 * requests, as an SDK's or a console's do, so the benchmark measures requests and not TCP
 * handshakes. Each load worker gets its own, so that no shared selector thread becomes
 * the client's bottleneck.
 */
public final class BenchHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * Sends a GET.
	 * @param uri where
	 * @param headerName a header to send, such as {@code Authorization}
	 * @param headerValue its value
	 * @return the answer, with how long it took
	 */
	public Exchange get(URI uri, String headerName, String headerValue) {
		return send(HttpRequest.newBuilder(uri).header(headerName, headerValue).timeout(TIMEOUT).GET().build());
	}

	/**
	 * Sends a JSON POST.
	 * @param uri where
	 * @param authorization the {@code Authorization} header
	 * @param json the body
	 * @return the answer, with how long it took
	 */
	public Exchange post(URI uri, String authorization, String json) {
		return send(HttpRequest.newBuilder(uri)
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.timeout(TIMEOUT)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/**
	 * Sends a DELETE.
	 * @param uri where
	 * @param authorization the {@code Authorization} header
	 * @return the answer, with how long it took
	 */
	public Exchange delete(URI uri, String authorization) {
		return send(
				HttpRequest.newBuilder(uri).header("Authorization", authorization).timeout(TIMEOUT).DELETE().build());
	}

	/**
	 * The {@code Authorization} header of an API key.
	 * @param apiKey the key
	 * @return {@code Bearer <key>}
	 */
	public static String bearer(String apiKey) {
		return "Bearer " + apiKey;
	}

	/**
	 * The {@code Authorization} header of a source's write key, as Segment SDKs send it.
	 * @param writeKey the write key
	 * @return HTTP Basic with the write key as user name and no password
	 */
	public static String basic(String writeKey) {
		return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A query parameter value, encoded.
	 * @param value the value
	 * @return the value, URL-encoded
	 */
	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private Exchange send(HttpRequest request) {
		long started = System.nanoTime();
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			return new Exchange(response.statusCode(), response.body(), System.nanoTime() - started,
					response.headers().firstValue("RateLimit-Limit").orElse(""));
		}
		catch (IOException ex) {
			return new Exchange(Exchange.NO_ANSWER, ex.toString(), System.nanoTime() - started, "");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Exchange(Exchange.NO_ANSWER, "interrupted", System.nanoTime() - started, "");
		}
	}

}
