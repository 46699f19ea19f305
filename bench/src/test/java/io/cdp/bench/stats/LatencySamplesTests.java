package io.cdp.bench.stats;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LatencySamplesTests {

	@Test
	void shouldTakeNearestRankPercentilesFromTheSamplesThemselves() {
		long[] sorted = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 };

		assertThat(LatencySamples.percentile(sorted, 50)).isEqualTo(50);
		assertThat(LatencySamples.percentile(sorted, 51)).isEqualTo(60);
		assertThat(LatencySamples.percentile(sorted, 95)).isEqualTo(100);
		assertThat(LatencySamples.percentile(sorted, 99)).isEqualTo(100);
		assertThat(LatencySamples.percentile(sorted, 100)).isEqualTo(100);
		assertThat(LatencySamples.percentile(sorted, 0.001)).isEqualTo(10);
	}

	@Test
	void shouldPutThe99thPercentileOfAHundredSamplesOnTheSecondLargest() {
		long[] sorted = new long[100];
		for (int index = 0; index < sorted.length; index++) {
			sorted[index] = index + 1;
		}

		assertThat(LatencySamples.percentile(sorted, 99)).isEqualTo(99);
		assertThat(LatencySamples.percentile(sorted, 50)).isEqualTo(50);
	}

	@Test
	void shouldSummariseInMillisecondsWhateverTheOrderOfRecording() {
		LatencySamples samples = new LatencySamples();
		for (long millis : new long[] { 5, 1, 4, 2, 3 }) {
			samples.record(millis * 1_000_000);
		}

		LatencySummary summary = samples.summary();

		assertThat(summary.count()).isEqualTo(5);
		assertThat(summary.meanMillis()).isEqualTo(3.0);
		assertThat(summary.p50Millis()).isEqualTo(3.0);
		assertThat(summary.p99Millis()).isEqualTo(5.0);
		assertThat(summary.maxMillis()).isEqualTo(5.0);
	}

	@Test
	void shouldMergeTheSamplesOfSeveralWorkersBeyondTheirInitialCapacity() {
		LatencySamples first = new LatencySamples();
		LatencySamples second = new LatencySamples();
		for (int index = 0; index < 3000; index++) {
			first.record(1_000_000);
			second.record(3_000_000);
		}

		LatencySummary merged = LatencySamples.merge(List.of(first, second)).summary();

		assertThat(merged.count()).isEqualTo(6000);
		assertThat(merged.p50Millis()).isEqualTo(1.0);
		assertThat(merged.p95Millis()).isEqualTo(3.0);
		assertThat(merged.meanMillis()).isEqualTo(2.0);
	}

	@Test
	void shouldSummariseNothingAsEmpty() {
		assertThat(new LatencySamples().summary()).isEqualTo(LatencySummary.EMPTY);
		assertThat(LatencySamples.merge(List.of()).summary()).isEqualTo(LatencySummary.EMPTY);
	}

	@Test
	void shouldRefuseNegativeLatenciesAndPercentilesOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LatencySamples().record(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> LatencySamples.percentile(new long[] { 1 }, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> LatencySamples.percentile(new long[] { 1 }, 100.5));
		assertThatIllegalArgumentException().isThrownBy(() -> LatencySamples.percentile(new long[0], 50));
	}

}
