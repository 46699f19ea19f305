package io.cdp.ingest;

import java.time.Duration;

import io.cdp.testinfra.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class IngestApplicationIT {

	@LocalServerPort
	private int port;

	@Test
	void shouldReportLiveAndReady() {
		assertThat(get("/actuator/health/liveness")).contains("\"status\":\"UP\"");
		// Ready once the suppression list has been read, just after start.
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\""));
	}

	@Test
	void shouldExposePrometheusMetricsTaggedWithTheServiceName() {
		assertThat(get("/actuator/prometheus")).contains("jvm_memory_used_bytes")
			.contains("service=\"ingest-service\"");
	}

	private String get(String path) {
		var response = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri(path)
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		return response.getBody();
	}

}
