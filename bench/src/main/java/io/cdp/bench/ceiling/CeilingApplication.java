package io.cdp.bench.ceiling;

import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The least a Spring Boot service can do for one tracked event: Spring MVC on Tomcat
 * takes the POST, a Kafka producer sends its body as it came to a topic of its own, and
 * the answer is a 200 after the broker's ack. No parsing, no validation, no mapping: what
 * {@code /v1/track} does beyond this is the platform's own cost.
 *
 * <p>
 * The producer is as durable as the ingest's (acks=all, idempotent) and compresses as it
 * does (lz4), but sends at once ({@code linger.ms=0}): one call waits for its own ack.
 */
@SpringBootApplication
@EnableConfigurationProperties(CeilingProperties.class)
public class CeilingApplication {

	/** The producer settings beside the broker's address. */
	static final Properties PRODUCER_SETTINGS = new Properties();

	static {
		PRODUCER_SETTINGS.put(ProducerConfig.ACKS_CONFIG, "all");
		PRODUCER_SETTINGS.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
		PRODUCER_SETTINGS.put(ProducerConfig.LINGER_MS_CONFIG, "0");
		PRODUCER_SETTINGS.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
	}

	/**
	 * Starts the app:
	 * {@code --server.port=N --cdp.bench.ceiling.bootstrap-servers=host:port
	 * --cdp.bench.ceiling.topic=name}.
	 * @param arguments Spring Boot's command line
	 */
	public static void main(String[] arguments) {
		SpringApplication.run(CeilingApplication.class, arguments);
	}

	@Bean(destroyMethod = "close")
	KafkaProducer<byte[], byte[]> ceilingProducer(CeilingProperties properties) {
		Properties settings = new Properties();
		settings.putAll(PRODUCER_SETTINGS);
		settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
		settings.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-ceiling");
		return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
	}

}
