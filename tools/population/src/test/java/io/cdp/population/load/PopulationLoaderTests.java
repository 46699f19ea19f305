package io.cdp.population.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.cdp.population.Population;
import io.cdp.population.PopulationGenerator;
import io.cdp.population.PopulationSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PopulationLoaderTests {

	private static final Population POPULATION = PopulationGenerator
		.generate(PopulationSettings.of(3, 12, Instant.parse("2026-03-01T00:00:00Z")));

	private final StubPlatform platform = new StubPlatform();

	private final List<String> progress = new ArrayList<>();

	@AfterEach
	void stopPlatform() {
		this.platform.close();
	}

	@Test
	void shouldPostEveryDeliveryInOrderInBatchesOfAHundredWithTheWriteKey() {
		LoadReport report = new PopulationLoader(this.platform.uri(), "write-key-1", this.progress::add)
			.load(POPULATION);

		List<String> sent = new ArrayList<>();
		JsonMapper json = JsonMapper.builder().build();
		for (StubPlatform.Request request : this.platform.requests()) {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/v1/batch");
			assertThat(request.authorization()).isEqualTo(
					"Basic " + Base64.getEncoder().encodeToString("write-key-1:".getBytes(StandardCharsets.UTF_8)));
			JsonNode batch = json.readTree(request.body()).path("batch");
			assertThat(batch.size()).isLessThanOrEqualTo(PopulationLoader.BATCH_SIZE);
			batch.forEach((message) -> sent.add(message.path("messageId").asString()));
		}
		assertThat(sent).containsExactlyElementsOf(
				POPULATION.deliveries().stream().map((delivery) -> delivery.event().messageId()).toList());
		int deliveries = POPULATION.deliveries().size();
		assertThat(this.platform.requests()).hasSize((deliveries + 99) / 100);
		assertThat(report.messages()).isEqualTo(deliveries);
		assertThat(report.requests()).isEqualTo(this.platform.requests().size());
		assertThat(this.progress).isNotEmpty();
	}

	@Test
	void shouldSendARequestAgainWhenThePlatformIsBusyAsSdksDo() {
		this.platform.answer("/v1/batch", 503, "{\"title\":\"Kafka is unavailable\"}", "Retry-After", "0")
			.answer("/v1/batch", 429, "{\"title\":\"Too many requests\"}", "Retry-After", "0");

		LoadReport report = new PopulationLoader(this.platform.uri(), "write-key-1", this.progress::add)
			.load(POPULATION);

		List<StubPlatform.Request> requests = this.platform.requests();
		assertThat(requests.get(0).body()).isEqualTo(requests.get(1).body()).isEqualTo(requests.get(2).body());
		assertThat(report.requests()).isEqualTo(requests.size() - 2);
	}

	@Test
	void shouldStopWhenThePlatformRefusesTheWriteKey() {
		this.platform.answer("/v1/batch", 401, "{\"title\":\"Unknown write key\"}");

		assertThatExceptionOfType(LoadException.class)
			.isThrownBy(() -> new PopulationLoader(this.platform.uri(), "wrong", this.progress::add).load(POPULATION))
			.withMessageContaining("401")
			.withMessageContaining("Unknown write key");
		assertThat(this.platform.requests()).hasSize(1);
	}

	@Test
	void shouldReportTheMessagesThePlatformRejected() {
		this.platform.answer("/v1/batch", 200, """
				{"success": true, "accepted": 99,
				 "rejected": [{"index": 4, "field": "userId", "reason": "userId or anonymousId is required"}]}""");

		LoadReport report = new PopulationLoader(this.platform.uri(), "write-key-1", this.progress::add)
			.load(POPULATION);

		assertThat(report.accepted()).isEqualTo(99);
		assertThat(report.rejections()).singleElement().asString().contains("userId or anonymousId is required");
	}

}
