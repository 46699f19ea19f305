package io.cdp.bench.raw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IngestProducerSettingsTests {

	@Test
	void shouldUseTheProducerSettingsTheIngestServiceIsConfiguredWith() throws IOException {
		String yaml = Files.readString(Path.of("..", "ingest-service", "src", "main", "resources", "application.yml"));

		assertThat(yaml).contains("acks: all", "compression-type: lz4", "batch-size: 64KB", "enable.idempotence: true",
				"linger.ms: 0");
		assertThat(IngestProducerSettings.PROPERTIES).containsExactly("acks=all", "enable.idempotence=true",
				"compression.type=lz4", "batch.size=65536", "linger.ms=0");
	}

}
