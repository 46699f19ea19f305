package io.cdp.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StackFilesTests {

	@TempDir
	Path runDir;

	@Test
	void shouldReadTheRunFoldersQuotedValues() {
		Map<String, String> values = new HashMap<>();

		EnvFiles.parse("CDP_INTERNAL_SECRET='ab12'", values);
		EnvFiles.parse("PG_PASSWORD=''", values);
		EnvFiles.parse("# a comment", values);
		EnvFiles.parse("PLAIN=value", values);

		assertThat(values).containsExactlyInAnyOrderEntriesOf(
				Map.of("CDP_INTERNAL_SECRET", "ab12", "PG_PASSWORD", "", "PLAIN", "value"));
	}

	@Test
	void shouldFindTheStackFromTheRunFolderAndThePortVariables() throws IOException {
		Files.writeString(this.runDir.resolve("secrets.env"),
				"CDP_INTERNAL_SECRET='s3cret'\nCDP_BOOTSTRAP_ADMIN_KEY='cdp_boot'\n");
		Files.writeString(this.runDir.resolve("demo-keys.env"), "CDP_ADMIN_API_KEY='cdp_admin'\n");
		Files.writeString(this.runDir.resolve("postgres.env"),
				"PG_URL='jdbc:postgresql://127.0.0.1:5433/cdp'\nPG_USER='postgres'\nPG_PASSWORD=''\n");
		Files.writeString(this.runDir.resolve("demo-population.env"), "CDP_DEMO_SEED='7'\n");

		Stack stack = Stack.from(this.runDir, Map.of("CDP_GATEWAY_PORT", "18080", "CDP_TOPICS_PREFIX", "staging")::get);

		assertThat(stack.gateway()).hasToString("http://127.0.0.1:18080");
		assertThat(stack.ingest()).hasToString("http://127.0.0.1:8081");
		assertThat(stack.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
		assertThat(stack.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/cdp");
		assertThat(stack.internalSecret()).isEqualTo("s3cret");
		assertThat(stack.adminApiKey()).isEqualTo("cdp_admin");
		assertThat(stack.demoSeed()).isEqualTo(7L);
		assertThat(stack.topic("cdp.events.v1")).isEqualTo("staging.cdp.events.v1");
	}

	@Test
	void shouldWarnThatAnotherSeedsPeopleShareIdentifiersWithTheDemoPopulation() throws IOException {
		Files.writeString(this.runDir.resolve("secrets.env"), "CDP_INTERNAL_SECRET='s3cret'\n");
		Files.writeString(this.runDir.resolve("demo-keys.env"), "CDP_ADMIN_API_KEY='cdp_admin'\n");
		Files.writeString(this.runDir.resolve("demo-population.env"), "CDP_DEMO_SEED='42'\nCDP_DEMO_PEOPLE='1000'\n");
		Stack stack = Stack.from(this.runDir, (name) -> null);

		assertThat(stack.otherSeedCaveat(42)).isNull();
		assertThat(stack.otherSeedCaveat(43)).contains("seed 42, 1,000 people", "seed 43", "--people 0");

		Files.writeString(this.runDir.resolve("demo-population.env"), "CDP_DEMO_SEED='42'\nCDP_DEMO_PEOPLE='0'\n");
		assertThat(Stack.from(this.runDir, (name) -> null).otherSeedCaveat(43)).isNull();
	}

	@Test
	void shouldSayWhereToStartTheStackWhenTheRunFolderHasNoSecrets() {
		assertThatIllegalStateException().isThrownBy(() -> Stack.from(this.runDir, (name) -> null))
			.withMessageContaining("cdp-up.sh");
	}

	@Test
	void shouldAddUpAMetricsSamplesWithTheirLabels() {
		Prometheus metrics = Prometheus.parse("""
				# TYPE cdp_ingest_produce_latency_seconds histogram
				cdp_ingest_produce_latency_seconds_count{instance="local",service="ingest-service"} 12.0
				cdp_ingest_produce_latency_seconds_sum{instance="local",service="ingest-service"} 0.36
				http_server_requests_seconds_count{method="POST",status="200",uri="/v1/batch"} 10
				http_server_requests_seconds_count{method="POST",status="200",uri="/v1/track"} 5
				http_server_requests_seconds_count{method="POST",status="400",uri="/v1/track"} 1
				""");

		assertThat(metrics.sum("cdp_ingest_produce_latency_seconds_count")).isEqualTo(12.0);
		assertThat(metrics.sum("cdp_ingest_produce_latency_seconds_sum")).isEqualTo(0.36);
		assertThat(metrics.sum("http_server_requests_seconds_count")).isEqualTo(16);
		assertThat(metrics.sum("http_server_requests_seconds_count", Map.of("uri", "/v1/track", "status", "200")))
			.isEqualTo(5);
		assertThat(metrics.sum("no_such_metric")).isZero();
	}

}
