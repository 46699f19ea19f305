package io.cdp.bench.raw;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KafkaToolOutputTests {

	private final RecordSample sample = new RecordSample(5000, 36, 759.1, 6, Path.of("payloads.txt"));

	@Test
	void shouldReadProducerPerformancesClosingSummary() {
		List<String> lines = List.of("Reading payloads from: payloads.txt",
				"104320 records sent, 20864.0 records/sec (15.10 MB/sec), 21.3 ms avg latency, 180.0 ms max latency.",
				"300000 records sent, 21505.376344 records/sec (15.57 MB/sec), 25.94 ms avg latency, 412.00 ms max "
						+ "latency, 21 ms 50th, 61 ms 95th, 82 ms 99th, 311 ms 99.9th.");

		KafkaProducerResult result = KafkaProducerLimit.parse(lines, this.sample);

		assertThat(result.records()).isEqualTo(300_000);
		assertThat(result.recordsPerSecond()).isEqualTo(21505.376344);
		assertThat(result.megabytesPerSecond()).isEqualTo(15.57);
		assertThat(result.averageLatencyMillis()).isEqualTo(25.94);
		assertThat(result.p50LatencyMillis()).isEqualTo(21);
		assertThat(result.p99LatencyMillis()).isEqualTo(82);
		assertThat(result.averageRecordBytes()).isEqualTo(759.1);
		assertThat(result.producerSettings()).contains("acks=all", "compression.type=lz4");
	}

	@Test
	void shouldFailLoudlyWhenTheProducerToolPrintedNoSummary() {
		assertThatIllegalStateException()
			.isThrownBy(() -> KafkaProducerLimit.parse(List.of("Exception in thread main"), this.sample))
			.withMessageContaining("no summary");
	}

	@Test
	void shouldReadEndToEndLatencysAverageAndPercentiles() {
		List<String> lines = List.of("0\t12.8", "1000\t2.1", "Avg latency: 4.8612 ms",
				"Percentiles: 50th = 3, 99th = 14, 99.9th = 41");

		KafkaLatencyResult result = KafkaLatencyFloor.parse(lines, 2000, 759);

		assertThat(result.averageMillis()).isEqualTo(4.8612);
		assertThat(result.p50Millis()).isEqualTo(3);
		assertThat(result.p99Millis()).isEqualTo(14);
		assertThat(result.messages()).isEqualTo(2000);
	}

}
