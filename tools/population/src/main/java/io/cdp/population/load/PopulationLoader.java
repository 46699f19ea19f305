package io.cdp.population.load;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.cdp.population.Delivery;
import io.cdp.population.Population;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Posts a population's messages, in delivery order, to {@code /v1/batch} with a source's
 * write key, a hundred messages a request, one request at a time so that the order the
 * platform sees is the order the population prescribes. Like an SDK it waits and sends a
 * request again when the platform answers 429 or 503 (honouring {@code Retry-After}) or
 * cannot be reached; anything else it does not accept stops the load.
 */
public final class PopulationLoader {

	/** Messages per {@code /v1/batch} request. */
	public static final int BATCH_SIZE = 100;

	private static final int MAX_ATTEMPTS = 8;

	private final PlatformClient platform;

	private final String writeKey;

	private final Consumer<String> progress;

	/**
	 * Creates a loader.
	 * @param gateway the platform's base URL, such as {@code http://localhost:8080}
	 * @param writeKey the write key of a {@code segment} source
	 * @param progress where progress lines go
	 */
	public PopulationLoader(URI gateway, String writeKey, Consumer<String> progress) {
		this.platform = new PlatformClient(gateway);
		this.writeKey = writeKey;
		this.progress = progress;
	}

	/**
	 * Sends every delivery of the population.
	 * @param population what to send
	 * @return what was sent and how fast
	 * @throws LoadException if the platform refuses a request or stays unavailable
	 */
	public LoadReport load(Population population) {
		List<Delivery> deliveries = population.deliveries();
		List<String> rejections = new ArrayList<>();
		int requests = 0;
		int accepted = 0;
		int nextReport = deliveries.size() / 10;
		long started = System.nanoTime();
		for (int from = 0; from < deliveries.size(); from += BATCH_SIZE) {
			List<Delivery> batch = deliveries.subList(from, Math.min(from + BATCH_SIZE, deliveries.size()));
			JsonNode answer = send(batch);
			requests++;
			accepted += answer.path("accepted").asInt();
			answer.path("rejected").forEach((rejection) -> rejections.add(rejection.toString()));
			int sent = from + batch.size();
			if (sent >= nextReport && sent < deliveries.size()) {
				this.progress.accept("  sent %,d of %,d messages".formatted(sent, deliveries.size()));
				nextReport += Math.max(1, deliveries.size() / 10);
			}
		}
		return new LoadReport(requests, deliveries.size(), accepted, rejections,
				Duration.ofNanos(System.nanoTime() - started));
	}

	private JsonNode send(List<Delivery> batch) {
		StringBuilder body = new StringBuilder(batch.size() * 900).append("{\"batch\":[");
		for (int index = 0; index < batch.size(); index++) {
			body.append((index > 0) ? "," : "").append(batch.get(index).event().json());
		}
		String json = body.append("]}").toString();
		String authorization = PlatformClient.basic(this.writeKey);
		@Nullable String lastFailure = null;
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			Duration backOff = Duration.ofMillis(250L << Math.min(attempt - 1, 5));
			try {
				PlatformClient.Answer answer = this.platform.post("/v1/batch", authorization, json);
				if (answer.status() == 200) {
					return answer.json();
				}
				if (answer.status() != 429 && answer.status() != 502 && answer.status() != 503
						&& answer.status() != 504) {
					throw new LoadException("POST /v1/batch answered " + answer);
				}
				lastFailure = answer.toString();
				backOff = retryAfter(answer, backOff);
			}
			catch (IOException ex) {
				lastFailure = ex.toString();
			}
			pause(backOff);
		}
		throw new LoadException("POST /v1/batch failed " + MAX_ATTEMPTS + " times, last: " + lastFailure);
	}

	private static Duration retryAfter(PlatformClient.Answer answer, Duration otherwise) {
		if (answer.retryAfter() != null) {
			try {
				return Duration.ofSeconds(Math.min(30, Long.parseLong(answer.retryAfter().strip())));
			}
			catch (NumberFormatException ex) {
				// An HTTP date instead of seconds: fall back to our own back-off.
			}
		}
		return otherwise;
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LoadException("Interrupted while waiting to send again", ex);
		}
	}

}
