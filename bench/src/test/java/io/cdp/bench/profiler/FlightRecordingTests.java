package io.cdp.bench.profiler;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FlightRecordingTests {

	@TempDir
	Path directory;

	@Test
	void shouldRecordARunningJvmWithJcmdAndReadWhereItsSamplesFell() {
		FlightRecording recording = FlightRecording.start(ProcessHandle.current().pid(),
				this.directory.resolve("self.jfr"));
		long spun = HotSpotsTests.spin(Duration.ofSeconds(1));

		HotSpots spots = recording.stop("test");

		assertThat(spun).isNotZero();
		assertThat(spots.process()).isEqualTo("test");
		assertThat(spots.samples()).isPositive();
		assertThat(spots.byArea().stream().mapToInt(HotSpots.Share::samples).sum()).isEqualTo(spots.samples());
	}

}
