package io.cdp.bench.report;

import java.util.List;

import io.cdp.bench.result.Figure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FiguresTests {

	private final List<Figure> table = SampleReports.sample().table();

	@Test
	void shouldCompareIngestRatesWithKafkasRawProducerRate() {
		Figure batch = find("/v1/batch direct, concurrency 4");

		assertThat(batch.value()).isEqualTo(1000.0);
		assertThat(batch.raw()).isEqualTo(20_000.0);
		assertThat(batch.ratio()).isCloseTo(0.05, within(1e-12));
		assertThat(batch.rawLimit()).isEqualTo("Kafka producer 20,000 records/s");
	}

	@Test
	void shouldSayWhenAGatewayRunWasRateLimited() {
		assertThat(find("/v1/track gateway, concurrency 4 (10 answered 429)").value()).isEqualTo(49.0);
	}

	@Test
	void shouldCompareLookupLatencyWithThePrimaryKeySelectAtTheSameConcurrency() {
		Figure p50 = find("GET /v1/profiles/lookup direct, concurrency 8, p50");

		assertThat(p50.value()).isEqualTo(1.5);
		assertThat(p50.ratio()).isCloseTo(6.0, within(1e-12));
		assertThat(find("GET /v1/profiles/lookup direct, concurrency 8, rate").ratio()).isCloseTo(500.0 / 7000,
				within(1e-12));
	}

	@Test
	void shouldCompareFreshnessWithKafkasEndToEndLatency() {
		Figure p50 = find("ingest 200 → profile API, p50, under 2,000 events/s background");

		assertThat(p50.raw()).isEqualTo(3.0);
		assertThat(p50.ratio()).isCloseTo(800.0 / 3, within(1e-9));
	}

	@Test
	void shouldCompareTheSustainedRunAndTheIdentityTopologyWithThePlainStreamsAggregate() {
		Figure endToEnd = find("end to end, first send → every event visible");
		Figure identity = find("identity topology's output rate while it worked through the load");

		assertThat(endToEnd.value()).isEqualTo(3450.0);
		assertThat(endToEnd.rawLimit()).isEqualTo("plain Kafka Streams aggregate 21,000 events/s");
		assertThat(endToEnd.ratio()).isCloseTo(3450.0 / 21_000, within(1e-12));
		assertThat(identity.ratio()).isCloseTo(0.25, within(1e-12));
		assertThat(find("drain, last send → every event visible").value()).isEqualTo(30.0);
	}

	@Test
	void shouldScoreTheSustainedLoadsPeopleAgainstTheirGroundTruth() {
		Figure accuracy = find("pairwise F1 of the load's 5,600 people (0 split, 0 mixed)");

		assertThat(accuracy.value()).isEqualTo(1.0);
		assertThat(accuracy.ratio()).isEqualTo(1.0);
	}

	@Test
	void shouldShowEveryFreshnessLoad() {
		assertThat(find("ingest 200 → profile API, p99, under 5,000 events/s background").value()).isEqualTo(20_000.0);
	}

	@Test
	void shouldShowMemoryWithoutARawLimit() {
		Figure memory = find("peak RSS ingest-service");

		assertThat(memory.raw()).isNull();
		assertThat(memory.ratio()).isNull();
	}

	@Test
	void shouldLeaveTheRatioOutWhenTheRawLimitIsUnknown() {
		assertThat(Figure.against("ingest", "x", 10, "events/s", "Kafka producer (not measured)", null).ratio())
			.isNull();
	}

	private Figure find(String measurement) {
		return this.table.stream()
			.filter((figure) -> figure.measurement().equals(measurement))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no figure " + measurement + " in " + this.table));
	}

}
