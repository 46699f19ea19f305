package io.cdp.population.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP calls the loader makes, JSON in and out, over HTTP/1.1 with keep-alive.
 */
final class PlatformClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI base;

	PlatformClient(URI base) {
		this.base = base;
	}

	URI base() {
		return this.base;
	}

	Answer post(String path, String authorization, String json) throws IOException {
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	Answer get(String path, String authorization) throws IOException {
		return send(HttpRequest.newBuilder(this.base.resolve(path))
			.header("Authorization", authorization)
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build());
	}

	static String bearer(String key) {
		return "Bearer " + key;
	}

	static String basic(String writeKey) {
		return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private Answer send(HttpRequest request) throws IOException {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(),
					response.headers().firstValue("Retry-After").orElse(null));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while calling " + request.uri(), ex);
		}
	}

	/** A response: status, body and the {@code Retry-After} header, if any. */
	record Answer(int status, String body, @Nullable String retryAfter) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		String text(String field) {
			return json().path(field).asString();
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
