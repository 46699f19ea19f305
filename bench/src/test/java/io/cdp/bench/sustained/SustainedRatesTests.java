package io.cdp.bench.sustained;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cdp.bench.sustained.OutputWindow.Look;
import io.cdp.population.Population;
import io.cdp.population.PopulationSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SustainedRatesTests {

	private static final long SECOND = 1_000_000_000L;

	private final SustainedPopulation population = new SustainedPopulation(100, 2000, 200_000, 204_000,
			List.of("{\"batch\":[]}"), List.of("s-1"), List.of(),
			new Population(PopulationSettings.of(42, 0, Instant.EPOCH), List.of(), List.of(), List.of()));

	@Test
	void shouldTimeTheLoadFromTheFirstSendAndTheDrainFromTheLastAnswer() {
		SustainedLoad.Sent sent = new SustainedLoad.Sent(2040, 204_000, 3, 0, "", 10 * SECOND, 30 * SECOND);

		SustainedResult result = SustainedResult.of(this.population, 8, sent, 50 * SECOND, 40, 200_000, 600, null);

		assertThat(result.loadSeconds()).isEqualTo(20.0);
		assertThat(result.loadEventsPerSecond()).isEqualTo(10_000.0);
		assertThat(result.endToEndSeconds()).isEqualTo(40.0);
		assertThat(result.drainSeconds()).isEqualTo(20.0);
		assertThat(result.endToEndEventsPerSecond()).isEqualTo(5_000.0);
		assertThat(result.visible()).isTrue();
	}

	@Test
	void shouldReportNoEndToEndRateWhenNotEverythingBecameVisible() {
		SustainedLoad.Sent sent = new SustainedLoad.Sent(2040, 204_000, 0, 0, "", 0, 20 * SECOND);

		SustainedResult result = SustainedResult.of(this.population, 8, sent, null, 38, 150_000, 600, null);

		assertThat(result.visible()).isFalse();
		assertThat(result.endToEndSeconds()).isEqualTo(600.0);
		assertThat(result.drainSeconds()).isEqualTo(580.0);
		assertThat(result.endToEndEventsPerSecond()).isZero();
	}

	@Test
	void shouldTimeTheIdentityTopologyFromBeforeItsOutputGrewToItsLastGrowth() {
		List<Look> looks = List.of(look(0, 0, 0), look(1, 500, 0), look(2, 9000, 2000), look(3, 4000, 7000),
				look(5, 0, 12_000), look(6, 0, 12_000));

		OutputWindow window = OutputWindow.of(looks).orElseThrow();
		IdentityRate rate = window.rate(looks, 11_800);

		assertThat(window.first()).isEqualTo(1);
		assertThat(window.last()).isEqualTo(4);
		assertThat(rate.windowSeconds()).isEqualTo(4.0);
		assertThat(rate.recordsPerSecond()).isCloseTo(2950.0, within(1e-9));
		assertThat(rate.maxLag()).isEqualTo(9000);
		assertThat(rate.looks()).isEqualTo(6);
	}

	@Test
	void shouldFindNoWindowWhenNothingCameOut() {
		assertThat(OutputWindow.of(List.of(look(0, 0, 10), look(1, 5, 10), look(2, 0, 10)))).isEmpty();
	}

	@Test
	void shouldReadHowManyMessagesABatchAnswerAccepted() {
		assertThat(SustainedLoad.accepted("{\"success\":true,\"accepted\":100,\"rejected\":[]}")).isEqualTo(100);
		assertThat(SustainedLoad.accepted("{\"type\":\"about:blank\"}")).isZero();
	}

	private static Look look(int second, long lag, long end) {
		return new Look(second * SECOND, lag, Map.of(0, end));
	}

}
