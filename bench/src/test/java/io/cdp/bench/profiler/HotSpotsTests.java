package io.cdp.bench.profiler;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HotSpotsTests {

	@TempDir
	Path directory;

	@Test
	void shouldGiveEachClassTheAreaOfItsPackage() {
		assertThat(HotSpots.areaOfClass("tools.jackson.core.json.UTF8JsonGenerator")).isEqualTo("JSON (Jackson)");
		assertThat(HotSpots.areaOfClass("org.apache.kafka.clients.producer.KafkaProducer")).startsWith("Kafka client");
		assertThat(HotSpots.areaOfClass("io.cdp.ingest.segment.SegmentMessageReader"))
			.isEqualTo("Platform code (io.cdp)");
		assertThat(HotSpots.areaOfClass("java.util.HashMap")).isNull();
	}

	@Test
	void shouldAddUpTheExecutionSamplesOfARecording() throws IOException {
		Path file = this.directory.resolve("busy.jfr");
		try (Recording recording = new Recording()) {
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
			recording.start();
			long result = spin(Duration.ofMillis(600));
			recording.stop();
			recording.dump(file);
			assertThat(result).isNotZero();
		}

		HotSpots spots = HotSpots.read("test", file);

		assertThat(spots.samples()).isPositive();
		assertThat(spots.byArea()).extracting(HotSpots.Share::name).contains("Platform code (io.cdp)");
		assertThat(spots.byPlatformMethod()).extracting(HotSpots.Share::name)
			.contains(HotSpotsTests.class.getName() + ".spin");
		assertThat(spots.byArea().stream().mapToInt(HotSpots.Share::samples).sum()).isEqualTo(spots.samples());
	}

	/** Keeps a core busy for a while, on a stack that starts in this package. */
	static long spin(Duration duration) {
		long deadline = System.nanoTime() + duration.toNanos();
		long value = 1;
		while (System.nanoTime() < deadline) {
			value = value * 6364136223846793005L + 1442695040888963407L;
		}
		return value | 1;
	}

}
