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
		assertThat(options.concurrency()).containsExactly(1, 4, 16);
		assertThat(options.lookupConcurrency()).isEqualTo(8);
		assertThat(options.freshnessRate()).isEqualTo(200);
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

}
