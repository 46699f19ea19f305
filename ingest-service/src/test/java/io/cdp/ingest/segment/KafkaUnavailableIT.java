package io.cdp.ingest.segment;

import io.cdp.ingest.support.IngestClient;
import io.cdp.ingest.support.IngestClient.Response;
import io.cdp.testinfra.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no broker to write to, the service answers 503 with {@code Retry-After}, which
 * SDKs retry, never a 200 that loses the events nor a 500.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "cdp.ingest.sources.admin-token=" + IngestClient.ADMIN_TOKEN,
				"spring.kafka.bootstrap-servers=127.0.0.1:9", "spring.kafka.admin.fail-fast=false",
				"spring.kafka.admin.auto-create=false", "cdp.ingest.publish.ack-timeout=3s",
				"cdp.ingest.publish.retry-after=7s" })
@RealInfrastructure
class KafkaUnavailableIT {

	@LocalServerPort
	private int port;

	@Test
	void shouldAnswer503WithRetryAfterWhenKafkaIsUnreachable() {
		IngestClient client = new IngestClient(this.port);
		IngestClient.Source source = client.createSegmentSource("web");

		Response response = client.post("/v1/track", source.writeKey(), "{\"userId\": \"u-1\", \"event\": \"Lost?\"}");

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Retry-After")).isEqualTo("7");
		assertThat(response.json().get("type").asString()).endsWith("/ingest-unavailable");
	}

}
