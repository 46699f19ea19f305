package io.cdp.bench.ceiling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cdp.testinfra.RealInfrastructure;
import io.cdp.testinfra.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@RealInfrastructure
class CeilingApplicationIT {

	@Test
	void shouldSendThePostedBodyToKafkaAsItCameAndAnswerAfterTheAck(TestKafka kafka) throws Exception {
		String topic = kafka.createTopics("ceiling").get(0);
		String body = "{\"userId\":\"usr_1\",\"event\":\"Order Completed\",\"properties\":{\"total\":12.5}}";
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CeilingApplication.class).run(
				"--server.port=0", "--cdp.bench.ceiling.bootstrap-servers=" + kafka.bootstrapServers(),
				"--cdp.bench.ceiling.topic=" + topic, "--spring.main.banner-mode=off")) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			HttpResponse<String> answer = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/track"))
					.header("Content-Type", "application/json")
					.header("Authorization", "Basic d3JpdGUta2V5Og==")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo("{\"success\":true}");
			assertThat(read(kafka, topic)).containsExactly(body);
		}
	}

	private static List<String> read(TestKafka kafka, String topic) {
		List<String> values = new ArrayList<>();
		Map<String, Object> properties = kafka.consumerProperties();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(new String(record.value(), StandardCharsets.UTF_8));
				}
				return !values.isEmpty();
			});
		}
		return values;
	}

}
