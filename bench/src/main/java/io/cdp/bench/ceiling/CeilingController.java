package io.cdp.bench.ceiling;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ceiling app's one endpoint, at the path the benchmark posts track calls to: the
 * body goes to Kafka as it came, and the answer waits for the ack. A failed send answers
 * 503, as the ingest does when Kafka is away.
 */
@RestController
class CeilingController {

	private static final String ACCEPTED = "{\"success\":true}";

	private final KafkaProducer<byte[], byte[]> producer;

	private final String topic;

	CeilingController(KafkaProducer<byte[], byte[]> producer, CeilingProperties properties) {
		this.producer = producer;
		this.topic = properties.topic();
	}

	@PostMapping(path = "/v1/track", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> track(@RequestBody byte[] body) throws InterruptedException {
		try {
			this.producer.send(new ProducerRecord<>(this.topic, body)).get();
			return ResponseEntity.ok(ACCEPTED);
		}
		catch (ExecutionException ex) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.body("{\"success\":false,\"error\":\"" + ex.getCause().getClass().getSimpleName() + "\"}");
		}
	}

	/** Answers once the app is up, for the benchmark that started it. */
	@GetMapping("/ready")
	String ready() {
		return "ready";
	}

}
