package io.cdp.ingest.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.cdp.contract.event.Channel;
import io.cdp.contract.event.CustomerEvent;
import io.cdp.contract.json.ContractJson;
import io.cdp.ingest.collect.MessageOutcome;
import io.cdp.ingest.source.Source;
import io.cdp.ingest.source.SourceKind;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Mappings, payloads and sources for the mapped source tests. */
final class MappingFixtures {

	/** When the test requests are received. */
	static final Instant RECEIVED_AT = Instant.parse("2025-03-01T10:15:30Z");

	private MappingFixtures() {
	}

	/**
	 * Returns a test resource under {@code mapping/} as JSON.
	 * @param name the file name, such as {@code pos-purchases.json}
	 * @return a fresh, mutable tree
	 */
	static JsonNode resource(String name) {
		String path = "/mapping/" + name;
		try (InputStream in = MappingFixtures.class.getResourceAsStream(path)) {
			return ContractJson.mapper().readTree(Objects.requireNonNull(in, () -> "no test resource " + path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Parses JSON text.
	 * @param json the text
	 * @return the tree
	 */
	static JsonNode json(String json) {
		return ContractJson.mapper().readTree(json);
	}

	/**
	 * Returns a mapped source on the server channel with the given mapping.
	 * @param id the source id
	 * @param mapping the mapping JSON
	 * @return the source
	 */
	static Source source(String id, JsonNode mapping) {
		return new Source(id, "Point of sale", Channel.SERVER, SourceKind.MAPPED, null, "0".repeat(64), null, mapping,
				true, Instant.parse("2025-01-01T00:00:00Z"));
	}

	/**
	 * Returns the events of outcomes that must all be accepted.
	 * @param outcomes the outcomes
	 * @return the events, in order
	 */
	static List<CustomerEvent> accepted(List<MessageOutcome> outcomes) {
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(MessageOutcome.Accepted.class));
		return outcomes.stream().map((outcome) -> ((MessageOutcome.Accepted) outcome).event()).toList();
	}

	/**
	 * Returns an outcome that must be a rejection.
	 * @param outcome the outcome
	 * @return the rejection
	 */
	static MessageOutcome.Rejected rejected(MessageOutcome outcome) {
		assertThat(outcome).isInstanceOf(MessageOutcome.Rejected.class);
		return (MessageOutcome.Rejected) outcome;
	}

}
