package io.cdp.ingest.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.cdp.contract.json.ContractJson;
import tools.jackson.databind.JsonNode;

/**
 * Calls the ingest service over real HTTP, the way SDKs and admins do, and returns
 * status, headers and parsed body.
 */
public final class IngestClient {

	public static final String ADMIN_TOKEN = "test-admin-token";

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	public IngestClient(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	/**
	 * Creates a source through the admin API and returns the answer (with its write key).
	 */
	public JsonNode createSource(Map<String, Object> source) {
		Response response = send(HttpRequest.newBuilder(uri("/v1/admin/sources"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(ContractJson.mapper().writeValueAsString(source))));
		if (response.status() != 201) {
			throw new IllegalStateException("Could not create source: " + response.status() + " " + response.text());
		}
		return response.json();
	}

	/** Creates a tracking API source on the given channel and returns its write key. */
	public Source createSegmentSource(String channel) {
		JsonNode created = createSource(Map.of("name", "Test " + channel, "kind", "segment", "channel", channel));
		return new Source(created.get("id").asString(), created.get("writeKey").asString());
	}

	/** POSTs JSON with HTTP Basic write-key auth. */
	public Response post(String path, String writeKey, String json) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", basic(writeKey))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/** POSTs a prepared request builder (any headers, any body). */
	public Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	public static String basic(String writeKey) {
		return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
	}

	public static byte[] gzip(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/** A created source. */
	public record Source(String id, String writeKey) {

	}

	/** An HTTP answer. */
	public record Response(int status, Map<String, java.util.List<String>> headers, String text) {

		public JsonNode json() {
			return ContractJson.mapper().readTree(this.text);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
