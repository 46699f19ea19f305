package io.cdp.bench.ingest;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.cdp.population.Channel;
import io.cdp.population.GeneratedEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EventBodiesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EventBodies bodies = new EventBodies(List.of(
			event("m-1", "page", "{\"messageId\":\"m-1\",\"type\":\"page\",\"name\":\"Home\",\"anonymousId\":\"a\"}"),
			event("m-2", "track",
					"{\"messageId\":\"m-2\",\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":\"u\"}")),
			"run1");

	@Test
	void shouldSendEveryMessageOfABatchWithAFreshMessageId() {
		JsonNode batch = JSON.readTree(this.bodies.batch(100));

		Set<String> ids = new HashSet<>();
		batch.path("batch").forEach((message) -> ids.add(message.path("messageId").asString()));
		assertThat(batch.path("batch").size()).isEqualTo(100);
		assertThat(ids).hasSize(100).allMatch((id) -> id.startsWith("bench-run1-"));
		assertThat(batch.path("batch").get(0).path("name").asString()).isEqualTo("Home");
	}

	@Test
	void shouldSendOnlyTrackMessagesToTheTrackEndpoint() {
		JsonNode first = JSON.readTree(this.bodies.track());
		JsonNode second = JSON.readTree(this.bodies.track());

		assertThat(first.path("type").asString()).isEqualTo("track");
		assertThat(first.path("event").asString()).isEqualTo("Product Viewed");
		assertThat(first.path("messageId").asString()).isNotEqualTo(second.path("messageId").asString());
	}

	private static GeneratedEvent event(String messageId, String type, String json) {
		return new GeneratedEvent("person-00001", Channel.WEB, messageId, type, "", Instant.EPOCH, json);
	}

}
