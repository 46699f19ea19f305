package io.cdp.bench.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.Histogram;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LatencySummaryTests {

	/** HdrHistogram keeps three significant digits. */
	private static final Percentage PRECISION = Percentage.withPercentage(0.1);

	/** Below 2,048 HdrHistogram keeps every value exactly. */
	private static final Offset<Double> EXACT = Offset.offset(1e-9);

	@Test
	void shouldTakeNearestRankPercentilesFromTheSamplesThemselves() {
		Histogram histogram = histogramOf(10, 20, 30, 40, 50, 60, 70, 80, 90, 100);

		LatencySummary summary = LatencySummary.of(List.of(histogram));

		assertThat(summary.p50Millis() * 1e6).isCloseTo(50, EXACT);
		assertThat(histogram.getValueAtPercentile(51)).isEqualTo(60);
		assertThat(summary.p95Millis() * 1e6).isCloseTo(100, EXACT);
		assertThat(summary.p99Millis() * 1e6).isCloseTo(100, EXACT);
		assertThat(histogram.getValueAtPercentile(100)).isEqualTo(100);
		assertThat(histogram.getValueAtPercentile(0.001)).isEqualTo(10);
	}

	@Test
	void shouldPutThe99thPercentileOfAHundredSamplesOnTheSecondLargest() {
		Histogram histogram = LatencySummary.histogram();
		for (long value = 1; value <= 100; value++) {
			histogram.recordValue(value);
		}

		LatencySummary summary = LatencySummary.of(List.of(histogram));

		assertThat(summary.p99Millis() * 1e6).isCloseTo(99, EXACT);
		assertThat(summary.p50Millis() * 1e6).isCloseTo(50, EXACT);
	}

	@Test
	void shouldSummariseInMillisecondsWhateverTheOrderOfRecording() {
		Histogram histogram = histogramOf(5_000_000, 1_000_000, 4_000_000, 2_000_000, 3_000_000);

		LatencySummary summary = LatencySummary.of(List.of(histogram));

		assertThat(summary.count()).isEqualTo(5);
		assertThat(summary.meanMillis()).isCloseTo(3.0, PRECISION);
		assertThat(summary.p50Millis()).isCloseTo(3.0, PRECISION);
		assertThat(summary.p99Millis()).isCloseTo(5.0, PRECISION);
		assertThat(summary.maxMillis()).isCloseTo(5.0, PRECISION);
	}

	@Test
	void shouldMergeTheSamplesOfSeveralWorkersBeyondTheirInitialRange() {
		Histogram first = LatencySummary.histogram();
		Histogram second = LatencySummary.histogram();
		for (int index = 0; index < 3000; index++) {
			first.recordValue(1_000_000);
			second.recordValue((index == 0) ? Duration.ofMinutes(2).toNanos() : 3_000_000);
		}

		LatencySummary merged = LatencySummary.of(List.of(first, second));

		assertThat(merged.count()).isEqualTo(6000);
		assertThat(merged.p50Millis()).isCloseTo(1.0, PRECISION);
		assertThat(merged.p95Millis()).isCloseTo(3.0, PRECISION);
		assertThat(merged.maxMillis()).isCloseTo(120_000, PRECISION);
	}

	@Test
	void shouldSummariseNothingAsEmpty() {
		assertThat(LatencySummary.of(List.of(LatencySummary.histogram()))).isEqualTo(LatencySummary.EMPTY);
		assertThat(LatencySummary.of(List.of())).isEqualTo(LatencySummary.EMPTY);
	}

	@Test
	void shouldRefuseNegativeLatencies() {
		assertThatExceptionOfType(ArrayIndexOutOfBoundsException.class)
			.isThrownBy(() -> LatencySummary.histogram().recordValue(-1));
	}

	@Test
	void shouldCountOnlyWhatCompletesInsideTheWindowAndRunEveryWorker() {
		MeasuredWindow window = new MeasuredWindow(100, 200, 1e-7);
		AtomicInteger ran = new AtomicInteger();
		List<Runnable> workers = new ArrayList<>();
		for (int index = 0; index < 3; index++) {
			workers.add(ran::incrementAndGet);
		}

		MeasuredWindow.runAll("test-worker", workers);

		assertThat(window.inside(99)).isFalse();
		assertThat(window.inside(100)).isTrue();
		assertThat(window.inside(200)).isTrue();
		assertThat(window.inside(201)).isFalse();
		assertThat(ran).hasValue(3);
	}

	private static Histogram histogramOf(long... nanos) {
		Histogram histogram = LatencySummary.histogram();
		for (long value : nanos) {
			histogram.recordValue(value);
		}
		return histogram;
	}

}
