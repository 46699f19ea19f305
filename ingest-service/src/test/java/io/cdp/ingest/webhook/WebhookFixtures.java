package io.cdp.ingest.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.json.ContractJson;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.source.SourceKind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Sources, requests and payloads for the webhook provider tests. */
public final class WebhookFixtures {

	/** When the test calls are received, unless a test says otherwise. */
	public static final Instant RECEIVED_AT = Instant.parse("2025-03-01T10:15:30Z");

	private WebhookFixtures() {
	}

	/**
	 * Returns a webhook source of a provider.
	 * @param provider the provider name
	 * @param channel the source's channel
	 * @param signingSecret the secret or verification key, or null for none
	 * @return the source
	 */
	public static Source source(String provider, Channel channel, @Nullable String signingSecret) {
		return new Source(provider + "-source", provider + " test source", channel, SourceKind.WEBHOOK, provider,
				"0".repeat(64), signingSecret, null, true, Instant.parse("2025-01-01T00:00:00Z"));
	}

	/**
	 * Returns the bytes of a test resource.
	 * @param path the path under {@code webhooks/}, such as {@code sendgrid/events.json}
	 * @return the bytes
	 */
	public static byte[] resource(String path) {
		String name = "/webhooks/" + path;
		try (InputStream in = WebhookFixtures.class.getResourceAsStream(name)) {
			return Objects.requireNonNull(in, () -> "no test resource " + name).readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns a test resource as a mutable JSON object.
	 * @param path the path under {@code webhooks/}
	 * @return the object
	 */
	public static ObjectNode json(String path) {
		return (ObjectNode) ContractJson.mapper().readTree(resource(path));
	}

	/**
	 * Returns JSON as body bytes.
	 * @param json the JSON
	 * @return the UTF-8 bytes
	 */
	public static byte[] bytes(Object json) {
		return ContractJson.mapper().writeValueAsBytes(json);
	}

	/**
	 * Returns text as body bytes.
	 * @param text the text
	 * @return the UTF-8 bytes
	 */
	public static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Returns a call received at {@link #RECEIVED_AT}.
	 * @param body the body
	 * @param headers the headers, one value each
	 * @return the call
	 */
	public static WebhookRequest request(byte[] body, Map<String, String> headers) {
		return request(body, headers, RECEIVED_AT);
	}

	/**
	 * Returns a call.
	 * @param body the body
	 * @param headers the headers, one value each
	 * @param receivedAt when it was received
	 * @return the call
	 */
	public static WebhookRequest request(byte[] body, Map<String, String> headers, Instant receivedAt) {
		Map<String, List<String>> multi = headers.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> List.of(entry.getValue())));
		return new WebhookRequest(body, multi, receivedAt);
	}

	/**
	 * Returns the events of outcomes that must all be accepted.
	 * @param outcomes the outcomes
	 * @return the events, in order
	 */
	public static List<CustomerEvent> accepted(List<MessageOutcome> outcomes) {
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(MessageOutcome.Accepted.class));
		return outcomes.stream().map((outcome) -> ((MessageOutcome.Accepted) outcome).event()).toList();
	}

	/**
	 * Returns the one event of outcomes that must be a single acceptance.
	 * @param outcomes the outcomes
	 * @return the event
	 */
	public static CustomerEvent single(List<MessageOutcome> outcomes) {
		assertThat(outcomes).hasSize(1);
		return accepted(outcomes).get(0);
	}

	/**
	 * Returns an outcome that must be a rejection.
	 * @param outcome the outcome
	 * @return the rejection
	 */
	public static MessageOutcome.Rejected rejected(MessageOutcome outcome) {
		assertThat(outcome).isInstanceOf(MessageOutcome.Rejected.class);
		return (MessageOutcome.Rejected) outcome;
	}

}
