package io.cdp.profile;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ProfileApplicationIT {

	@LocalServerPort
	private int port;

	@Test
	void shouldReportLiveAndReadyOnceTheIdentityTopologyRuns() {
		assertThat(get("/actuator/health/liveness")).contains("\"status\":\"UP\"");
		// Ready only once the Streams client has joined its group and is processing.
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\""));
	}

	@Test
	void shouldExposePrometheusMetricsTaggedWithTheServiceName() {
		assertThat(get("/actuator/prometheus")).contains("jvm_memory_used_bytes")
			.contains("service=\"profile-service\"")
			.contains("instance=\"");
	}

	@Test
	void shouldPublishTheTopologysTheWritersAndTheirKafkaClientsMetrics() {
		// The Kafka clients' meters appear once the stream threads and the writer's
		// consumer have started.
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(get("/actuator/prometheus"))
				.contains("cdp_identity_merges_total", "cdp_identity_events_total", "cdp_quarantine_total",
						"cdp_store_batch_seconds_bucket", "kafka_stream_thread_process_rate")
				.containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"[^\"]*StreamThread")
				.containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"[^\"]*store"));
	}

	@Test
	void shouldUseTheDatabaseTheTestInfrastructureCreated(TestDatabase database, @Autowired DataSource dataSource)
			throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			assertThat(connection.getCatalog()).isEqualTo(database.name());
		}
	}

	private String get(String path) {
		var response = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri(path)
			.retrieve()
			.onStatus((status) -> true, (request, reply) -> {
			})
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

}
