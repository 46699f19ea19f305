package io.cdp.bench.fault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultOptionsTests {

	@Test
	void shouldDefaultToEveryFaultWithAOneMinutePostgresOutage() {
		FaultOptions options = FaultOptions.parse(new String[0], Map.of("CDP_RUN_DIR", "/tmp/fault"));

		assertThat(options.faults()).containsExactly(FaultKind.INGEST, FaultKind.PROFILE, FaultKind.GATEWAY,
				FaultKind.KAFKA, FaultKind.POSTGRES);
		assertThat(options.postgresOutage()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.rate()).isEqualTo(300);
		assertThat(options.runDir()).isEqualTo(Path.of("/tmp/fault"));
		assertThat(options.out()).isEqualTo(Path.of("bench/results"));
		assertThat(options.quick()).isFalse();
	}

	@Test
	void shouldShortenTheWaitsWhenQuickButKeepOptionsGiven() {
		FaultOptions options = FaultOptions
			.parse(new String[] { "--quick", "--settle", "3", "--faults", "kafka, postgres" }, Map.of());

		assertThat(options.quick()).isTrue();
		assertThat(options.postgresOutage()).isEqualTo(Duration.ofSeconds(15));
		assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.settle()).isEqualTo(Duration.ofSeconds(3));
		assertThat(options.faults()).containsExactly(FaultKind.KAFKA, FaultKind.POSTGRES);
	}

	@Test
	void shouldRefuseUnknownOptionsFaultsAndAZeroRate() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultOptions.parse(new String[] { "--rat", "5" }, Map.of()))
			.withMessageContaining("--rat");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultOptions.parse(new String[] { "--faults", "redis" }, Map.of()))
			.withMessageContaining("redis");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultOptions.parse(new String[] { "--rate", "0" }, Map.of()))
			.withMessageContaining("--rate");
		assertThatIllegalArgumentException().isThrownBy(() -> FaultOptions.parse(new String[] { "--rate" }, Map.of()));
	}

}
