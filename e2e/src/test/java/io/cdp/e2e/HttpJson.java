package io.cdp.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.cdp.contract.json.ContractJson;
import tools.jackson.databind.JsonNode;

/** The few HTTP calls the end-to-end test makes, JSON in and out. */
final class HttpJson {

	private final HttpClient client = HttpClient.newHttpClient();

	int status(URI uri) {
		return status(HttpRequest.newBuilder(uri).build());
	}

	/** GETs with one extra header; the status, or -1 without an answer. */
	int status(URI uri, String header, String value) {
		return status(HttpRequest.newBuilder(uri).header(header, value).build());
	}

	private int status(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/** GETs JSON with one extra header; null when the answer is not 200. */
	JsonNode get(URI uri, String header, String value) {
		return send(HttpRequest.newBuilder(uri).header(header, value).GET().build(), 0);
	}

	/** POSTs JSON and returns the answer, which must have the expected status. */
	JsonNode post(URI uri, String authorization, String json, int expectedStatus) {
		return send(HttpRequest.newBuilder(uri)
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), expectedStatus);
	}

	/**
	 * POSTs JSON; returns the answer if it has the expected status, else null (for
	 * set-ups that may not apply to every build, such as a provider that is not there
	 * yet).
	 */
	JsonNode postIfAccepted(URI uri, String authorization, String json, int expectedStatus) {
		HttpResponse<String> response = exchange(HttpRequest.newBuilder(uri)
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
		return (response.statusCode() == expectedStatus) ? json(response.body()) : null;
	}

	/** POSTs JSON with one extra header, whatever the answer's status. */
	Answer postWith(URI uri, String header, String value, String json) {
		HttpResponse<String> response = exchange(HttpRequest.newBuilder(uri)
			.header(header, value)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
		return new Answer(response.statusCode(), json(response.body()));
	}

	/** An answer's status and JSON. */
	record Answer(int status, JsonNode body) {

	}

	static String basic(String writeKey) {
		return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
	}

	private JsonNode send(HttpRequest request, int expectedStatus) {
		HttpResponse<String> response = exchange(request);
		if (expectedStatus == 0) {
			return (response.statusCode() == 200) ? json(response.body()) : null;
		}
		if (response.statusCode() != expectedStatus) {
			throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode()
					+ ": " + response.body());
		}
		return json(response.body());
	}

	/** The answer's JSON; a missing node for an empty body (a 204, say). */
	private static JsonNode json(String body) {
		return body.isEmpty() ? ContractJson.mapper().missingNode() : ContractJson.mapper().readTree(body);
	}

	private HttpResponse<String> exchange(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError(request.method() + " " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted", ex);
		}
	}

}
