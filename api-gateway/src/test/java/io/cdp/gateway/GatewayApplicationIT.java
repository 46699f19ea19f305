package io.cdp.gateway;

import io.cdp.testinfra.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class GatewayApplicationIT {

	@LocalServerPort
	private int port;

	@Test
	void shouldReportLiveAndReady() {
		assertThat(get("/actuator/health/liveness")).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"");
	}

	@Test
	void shouldExposePrometheusMetricsTaggedWithTheServiceName() {
		assertThat(get("/actuator/prometheus")).contains("jvm_memory_used_bytes").contains("service=\"api-gateway\"");
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
