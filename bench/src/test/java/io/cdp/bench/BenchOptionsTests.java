package io.cdp.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	@Test
	void shouldDefaultToASmallRun() {
		BenchOptions options = BenchOptions.parse(new String[0], Map.of());

		assertThat(options.people()).isEqualTo(2000);
		assertThat(options.seed()).isNull();
		assertThat(options.hardCases()).isEqualTo(0.1);
		assertThat(options.concurrency()).containsExactly(1, 16);
		assertThat(options.lookupConcurrency()).containsExactly(1, 8);
		assertThat(options.highestLookupConcurrency()).isEqualTo(8);
		assertThat(options.freshnessRates()).containsExactly(2000, 5000);
		assertThat(options.sustainedPeople()).isEqualTo(5600);
		assertThat(options.sustainedSenders()).isEqualTo(8);
		assertThat(options.sustainedSample()).isEqualTo(40);
		assertThat(options.sustainedTimeout()).isEqualTo(Duration.ofSeconds(600));
		assertThat(options.runDir()).isEqualTo(Path.of(".cdp-run"));
		assertThat(options.out()).isEqualTo(Path.of("bench/results"));
	}

	@Test
	void shouldTakeOptionsAndTheRunFolderFromTheEnvironment() {
		BenchOptions options = BenchOptions.parse(
				new String[] { "--people", "10000", "--seed", "7", "--concurrency", "2, 8", "--seconds", "20" },
				Map.of("CDP_RUN_DIR", "/tmp/run"));

		assertThat(options.people()).isEqualTo(10_000);
		assertThat(options.seed()).isEqualTo(7L);
		assertThat(options.concurrency()).isEqualTo(List.of(2, 8));
		assertThat(options.window()).isEqualTo(Duration.ofSeconds(20));
		assertThat(options.runDir()).isEqualTo(Path.of("/tmp/run"));
	}

	@Test
	void shouldTakeTheNewPhasesLevelsAndSizes() {
		BenchOptions options = BenchOptions.parse(new String[] { "--freshness-rates", "1000, 3000,8000",
				"--lookup-concurrency", "4,1", "--sustained-people", "0", "--sustained-senders", "4",
				"--sustained-sample", "10", "--sustained-seconds", "120" }, Map.of());

		assertThat(options.freshnessRates()).containsExactly(1000, 3000, 8000);
		assertThat(options.lookupConcurrency()).containsExactly(4, 1);
		assertThat(options.highestLookupConcurrency()).isEqualTo(4);
		assertThat(options.sustainedPeople()).isZero();
		assertThat(options.sustainedSenders()).isEqualTo(4);
		assertThat(options.sustainedSample()).isEqualTo(10);
		assertThat(options.sustainedTimeout()).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void shouldRefuseLevelsThatAreNoPositiveNumbers() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--freshness-rates", "2000,fast" }, Map.of()))
			.withMessageContaining("--freshness-rates");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--lookup-concurrency", "0,8" }, Map.of()))
			.withMessageContaining("--lookup-concurrency");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--sustained-senders", "0" }, Map.of()))
			.withMessageContaining("--sustained-senders");
	}

	@Test
	void shouldRefuseUnknownOptionsAndBadNumbers() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--peple", "5" }, Map.of()))
			.withMessageContaining("--peple");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--people", "many" }, Map.of()))
			.withMessageContaining("--people");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--people" }, Map.of()));
	}

	@Test
	void shouldTakeTheShareOfHardCasesAndRefuseOneOutsideZeroToOne() {
		assertThat(BenchOptions.parse(new String[] { "--hard-cases", "0" }, Map.of()).hardCases()).isZero();
		assertThat(BenchOptions.parse(new String[] { "--hard-cases", "0.25" }, Map.of()).hardCases()).isEqualTo(0.25);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--hard-cases", "2" }, Map.of()))
			.withMessageContaining("--hard-cases takes a share from 0 to 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--hard-cases", "some" }, Map.of()))
			.withMessageContaining("--hard-cases");
	}

}
