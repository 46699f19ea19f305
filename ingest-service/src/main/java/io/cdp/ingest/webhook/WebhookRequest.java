package io.cdp.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * A webhook call as received: the exact body bytes (signatures are computed over them),
 * the headers and the time of receipt.
 *
 * @param body the raw body, after any gzip decoding
 * @param headers header values by name; look-ups ignore case
 * @param receivedAt when the platform received the call
 */
public record WebhookRequest(byte[] body, Map<String, List<String>> headers, Instant receivedAt) {

	public WebhookRequest {
		Objects.requireNonNull(body, "body must not be null");
		Objects.requireNonNull(receivedAt, "receivedAt must not be null");
		TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> caseInsensitive.put(name, List.copyOf(values)));
		headers = caseInsensitive;
	}

	/** The first value of a header, or null. */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/** The body as UTF-8 text. */
	public String bodyText() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

}
