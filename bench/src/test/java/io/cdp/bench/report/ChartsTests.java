package io.cdp.bench.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import io.cdp.bench.result.BenchResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ChartsTests {

	@TempDir
	Path directory;

	@Test
	void shouldDrawFourPanelsIntoOnePng() throws IOException {
		Path file = this.directory.resolve("latest.png");

		Charts.write(SampleReports.sample(), file);

		BufferedImage image = ImageIO.read(file.toFile());
		assertThat(image.getWidth()).isGreaterThanOrEqualTo(2 * 700);
		assertThat(image.getHeight()).isGreaterThanOrEqualTo(2 * 400);
	}

	@Test
	void shouldDrawARunWhosePhasesFailed() throws IOException {
		BenchResults sample = SampleReports.sample();
		BenchResults empty = new BenchResults(sample.startedAt(), 1, sample.machine(), sample.settings(), List.of(),
				List.of(), sample.population(), null, null, null, null, null, null, List.of(), null, null, null,
				List.of(), List.of(), Map.of(), "", List.of(), null, null, List.of(), List.of("everything failed"),
				null);
		Path file = this.directory.resolve("empty.png");

		Charts.write(empty, file);

		assertThat(ImageIO.read(file.toFile())).isNotNull();
	}

}
